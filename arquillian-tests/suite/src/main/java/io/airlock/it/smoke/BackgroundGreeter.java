package io.airlock.it.smoke;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import java.util.concurrent.Future;

/** Runs a task on the server's default ManagedExecutorService; the task finds its beans through CDI. */
@ApplicationScoped
public class BackgroundGreeter {

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    /** @return the greeting and the name of the thread that made it, separated by '@' */
    public Future<String> greet(String name) {
        return executor.submit(() -> CDI.current().select(Greeter.class).get().greet(name)
                + "@" + Thread.currentThread().getName());
    }
}
