package io.airlock.docs.ee;

import io.airlock.AirlockExecutors;
import io.airlock.IntentExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

// tag::routed[]
@ApplicationScoped
public class RoutedExecutor {
    @Produces @ApplicationScoped @Named("routed")   // airlock.executor=routed, or @Airlocked(executor = "routed")
    IntentExecutor routed(AirlockExecutors executors) {
        // the jms and managed executors exactly as the airlock.jms.* and airlock.managed.* keys configure them
        return IntentExecutor.route(intent -> intent.name().startsWith("send"), executors.get("jms"), executors.get("managed"));
    }
}
// end::routed[]
