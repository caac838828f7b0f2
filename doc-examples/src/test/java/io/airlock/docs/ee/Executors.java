package io.airlock.docs.ee;

import io.airlock.AirlockDefault;
import io.airlock.IntentExecutor;
import io.airlock.executor.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

// tag::default[]
@ApplicationScoped
public class Executors {
    @Produces @AirlockDefault
    IntentExecutor defaultExecutor() {   // used when airlock.executor is not set
        return IntentExecutor.sync().withRetry(3, Backoff.fixed(Duration.ofMillis(50)));
    }
}
// end::default[]
