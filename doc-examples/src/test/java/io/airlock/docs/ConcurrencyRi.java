package io.airlock.docs;

import jakarta.enterprise.concurrent.ContextService;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glassfish.enterprise.concurrent.AbstractManagedExecutorService.RejectPolicy;
import org.glassfish.enterprise.concurrent.ContextServiceImpl;
import org.glassfish.enterprise.concurrent.ManagedExecutorServiceImpl;
import org.glassfish.enterprise.concurrent.ManagedScheduledExecutorServiceImpl;
import org.glassfish.enterprise.concurrent.ManagedThreadFactoryImpl;
import org.glassfish.enterprise.concurrent.spi.ContextHandle;
import org.glassfish.enterprise.concurrent.spi.ContextSetupProvider;

/** The Jakarta Concurrency reference implementation, standing in for a server's managed executors. */
final class ConcurrencyRi implements AutoCloseable {

    private static final ContextSetupProvider NO_CONTEXT = new ContextSetupProvider() {
        @Override
        public ContextHandle saveContext(ContextService service) {
            return new ContextHandle() {
            };
        }

        @Override
        public ContextHandle saveContext(ContextService service, Map<String, String> properties) {
            return saveContext(service);
        }

        @Override
        public ContextHandle setup(ContextHandle handle) {
            return handle;
        }

        @Override
        public void reset(ContextHandle handle) {
        }
    };

    final ContextServiceImpl context = new ContextServiceImpl("docs-context", NO_CONTEXT);
    final ManagedExecutorServiceImpl executor = new ManagedExecutorServiceImpl("docs-mes", new ManagedThreadFactoryImpl("managed", context),
            0, false, 2, 4, 60, TimeUnit.SECONDS, 0, 100, context, RejectPolicy.ABORT);
    final ManagedScheduledExecutorServiceImpl scheduler = new ManagedScheduledExecutorServiceImpl("docs-mses",
            new ManagedThreadFactoryImpl("managed-scheduled", context), 0, false, 1, 60, TimeUnit.SECONDS, 0, context, RejectPolicy.ABORT);

    /** Stops both executors and waits for what they run, so that no task of one test records into the next. */
    @Override
    public void close() {
        executor.shutdown();
        scheduler.shutdownNow();   // only retries waiting on a delay
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS) || !scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a managed task was still running 10 s after the test");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for managed tasks", e);
        }
    }
}
