package io.airlock.docs.ee;

import io.airlock.Airlock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/** docs/migrating-from-python.md: the scope factory set in code, before the first request. */
// tag::startup[]
@ApplicationScoped
public class ScopeAtStartup {
    void configure(@Observes @Initialized(ApplicationScoped.class) Object started) {   // before the first request
        Airlock.get().configure(c -> c.withScopeFactory(AuditedScope::new));
    }
}
// end::startup[]
