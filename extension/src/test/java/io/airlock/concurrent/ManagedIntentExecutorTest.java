package io.airlock.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.DispatchOptions;
import io.airlock.UsageException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.FailureLog;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.fixtures.LogCapture;
import io.airlock.policy.AllowAll;
import io.airlock.policy.BlockTasks;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.LogRecord;
import org.glassfish.enterprise.concurrent.AbstractManagedExecutorService.RejectPolicy;
import org.glassfish.enterprise.concurrent.ContextServiceImpl;
import org.glassfish.enterprise.concurrent.ManagedExecutorServiceImpl;
import org.glassfish.enterprise.concurrent.ManagedScheduledExecutorServiceImpl;
import org.glassfish.enterprise.concurrent.ManagedThreadFactoryImpl;
import org.glassfish.enterprise.concurrent.spi.ContextHandle;
import org.glassfish.enterprise.concurrent.spi.ContextSetupProvider;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ManagedExecutorService executor on the Jakarta Concurrency reference implementation, with Weld and Narayana. */
@ExtendWith(WeldJunit5Extension.class)
class ManagedIntentExecutorTest {

    /** Stands for a server's context propagation: remembers the thread the context was captured on. */
    static final class CapturingContext implements ContextSetupProvider {
        static final ThreadLocal<String> APPLIED = new ThreadLocal<>();

        record Handle(String capturedOn) implements ContextHandle {
        }

        @Override
        public ContextHandle saveContext(ContextService service) {
            return new Handle(Thread.currentThread().getName());
        }

        @Override
        public ContextHandle saveContext(ContextService service, Map<String, String> properties) {
            return saveContext(service);
        }

        @Override
        public ContextHandle setup(ContextHandle handle) {
            APPLIED.set(handle instanceof Handle h ? h.capturedOn() : null);
            return handle;
        }

        @Override
        public void reset(ContextHandle handle) {
            APPLIED.remove();
        }
    }

    @ApplicationScoped
    public static class Tasks {
        @Inject
        Recorder recorder;
        @Inject
        Airlock airlock;

        public void where(String label) {
            recorder.record(label + " on " + Thread.currentThread().getName() + " with context from " + CapturingContext.APPLIED.get());
        }

        public void record(String label) {
            recorder.record(label);
        }

        public void cascade(String label) {
            airlock.enqueue(Tasks::where, label + " cascaded");
        }

        public void cascadeAndTell(String label) {
            recorder.record(label + " ran in a scope with policy " + airlock.currentScope().orElseThrow().policy());
            airlock.enqueue(Tasks::where, label + " cascaded");
        }

        public void boom(String label) {
            throw new IllegalStateException(label);
        }
    }

    @ApplicationScoped
    public static class Shop {
        @Inject
        Airlock airlock;

        @Transactional
        public void checkout(ManagedIntentExecutor executor) {
            airlock.scope().executor(executor).run(() -> airlock.enqueue(Tasks::where, "after commit"));
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Tasks.class, Shop.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;
    @Inject
    Shop shop;
    @Inject
    FailureLog failures;

    private ManagedExecutorServiceImpl executorImpl;
    private ManagedExecutorServiceImpl otherImpl;
    private ManagedScheduledExecutorServiceImpl scheduler;
    private ManagedIntentExecutor executor;

    @BeforeEach
    void startExecutors() {
        ContextServiceImpl context = new ContextServiceImpl("airlock-test-context", new CapturingContext());
        executorImpl = new ManagedExecutorServiceImpl("mes", new ManagedThreadFactoryImpl("managed-default", context), 0, false, 2, 4, 60,
                TimeUnit.SECONDS, 0, 100, context, RejectPolicy.ABORT);
        otherImpl = new ManagedExecutorServiceImpl("other", new ManagedThreadFactoryImpl("managed-other", context), 0, false, 1, 1, 60,
                TimeUnit.SECONDS, 0, 100, context, RejectPolicy.ABORT);
        scheduler = new ManagedScheduledExecutorServiceImpl("mses", new ManagedThreadFactoryImpl("managed-scheduled", context), 0, false, 1,
                60, TimeUnit.SECONDS, 0, context, RejectPolicy.ABORT);
        executor = ManagedIntentExecutor.builder()
                .executorService(executorImpl.getAdapter())
                .scheduledExecutorService(scheduler.getAdapter())
                .contextService(context)
                .lookup(Map.<String, Object>of("java:app/concurrent/Other", otherImpl.getAdapter())::get)
                .build();
    }

    @AfterEach
    void stopExecutors() throws InterruptedException {
        executorImpl.shutdownNow();
        otherImpl.shutdownNow();
        scheduler.shutdownNow();
        assertTrue(executorImpl.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting");
            Thread.sleep(10);
        }
    }

    @Test
    void aContextServiceNameThatResolvesToNoneIsReportedOnceAndTasksStillRun() throws Exception {
        ManagedIntentExecutor misspelt = ManagedIntentExecutor.builder()
                .executorService(executorImpl.getAdapter())
                .contextServiceName("java:app/concurrent/Contxt")
                .lookup(Map.<String, Object>of("java:app/concurrent/Other", otherImpl.getAdapter())::get)
                .build();
        List<String> warnings;
        try (LogCapture log = new LogCapture()) {
            airlock.scope().executor(misspelt).run(() -> {
                airlock.enqueue(Tasks::where, "a");
                airlock.enqueue(Tasks::where, "b");
            });
            await(() -> recorder.calls().size() == 2);
            warnings = log.at(java.util.logging.Level.WARNING);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("java:app/concurrent/Contxt is not bound") && warnings.get(0).contains("without the application's context"),
                warnings.get(0));
    }

    @Test
    void eachIntentRunsOnAManagedThreadWithTheDispatchingThreadsContext() throws Exception {
        String me = Thread.currentThread().getName();
        airlock.scope().executor(executor).run(() -> airlock.enqueue(Tasks::where, "a"));
        await(() -> recorder.calls().size() == 1);
        String call = recorder.calls().get(0);
        assertTrue(call.startsWith("a on managed-default"), call);
        assertTrue(call.endsWith("with context from " + me), call);
    }

    @Test
    void afterCommitTheTaskStillGetsTheApplicationsContext() throws Exception {
        String me = Thread.currentThread().getName();
        shop.checkout(executor);
        await(() -> recorder.calls().size() == 1);
        String call = recorder.calls().get(0);
        assertTrue(call.startsWith("after commit on managed-default"), call);
        assertTrue(call.endsWith("with context from " + me), call);
    }

    @Test
    void aDelayIsHonouredThroughTheScheduledExecutor() throws Exception {
        long start = System.nanoTime();
        airlock.scope().executor(executor).run(() -> airlock.options(DispatchOptions.builder().delay(Duration.ofMillis(600)).build())
                .enqueue(Tasks::where, "later"));
        Thread.sleep(200);
        assertEquals(List.of(), recorder.calls(), "ran before its delay");
        await(() -> recorder.calls().size() == 1);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(600));
        assertTrue(recorder.calls().get(0).startsWith("later on managed-scheduled"), recorder.calls().get(0));
    }

    @Test
    void theDestinationOptionNamesAnotherExecutorService() throws Exception {
        airlock.scope().executor(executor).run(() -> airlock.options(DispatchOptions.builder().destination("java:app/concurrent/Other").build())
                .enqueue(Tasks::where, "elsewhere"));
        await(() -> recorder.calls().size() == 1);
        assertTrue(recorder.calls().get(0).startsWith("elsewhere on managed-other"), recorder.calls().get(0));
    }

    @Test
    void anUnknownDestinationIsADispatchFailureNamingIt() {
        UsageException e = assertThrows(UsageException.class, () -> airlock.scope().executor(executor).run(() -> airlock
                .options(DispatchOptions.builder().destination("java:app/concurrent/Nowhere").build()).enqueue(Tasks::where, "x")));
        assertTrue(e.getMessage().contains("java:app/concurrent/Nowhere"), e.getMessage());
        assertEquals(1, failures.failures().size());
    }

    @Test
    void aRejectedSubmissionIsAFailFastDispatchFailure() {
        executorImpl.shutdownNow();
        assertThrows(RejectedExecutionException.class, () -> airlock.scope().executor(executor).run(() -> {
            airlock.enqueue(Tasks::where, "rejected");
            airlock.enqueue(Tasks::where, "never attempted");
        }));
        assertEquals(1, failures.failures().size());
        assertEquals(1, failures.failures().get(0).notAttempted().size());
        assertEquals(List.of(), failures.failures().get(0).dispatched());
    }

    @Test
    void theTaskRunsInItsOwnScopeSoItsIntentsCascade() throws Exception {
        airlock.scope().executor(executor).run(() -> airlock.enqueue(Tasks::cascade, "first"));
        await(() -> recorder.calls().size() == 1);
        assertTrue(recorder.calls().get(0).startsWith("first cascaded on managed-default"), recorder.calls().get(0));
    }

    @Test
    void theTasksOwnScopeHasTheApplicationsDefaultPolicyNotAllowAll() throws Exception {
        BlockTasks noWhere = new BlockTasks("where");
        airlock.configure(c -> c.withPolicy(noWhere));   // the application's policy: unlike the original's workers, no allow-all is forced
        DispatchOptions onOneThread = DispatchOptions.builder().destination("java:app/concurrent/Other").build();
        airlock.scope().policy(new AllowAll()).executor(executor).run(() -> {
            airlock.options(onOneThread).enqueue(Tasks::cascadeAndTell, "first");
            airlock.options(onOneThread).enqueue(Tasks::record, "sentinel");   // runs after the first task's scope has flushed
        });
        await(() -> recorder.calls().size() == 2);
        assertEquals(List.of("first ran in a scope with policy " + noWhere, "sentinel"), recorder.calls(),
                "the intent the task enqueued was blocked by the application's policy");
    }

    @Test
    void aTaskFailingOnTheManagedThreadIsLoggedNotThrownAtFlush() throws Exception {
        List<LogRecord> records;
        try (LogCapture log = new LogCapture()) {
            airlock.scope().executor(executor).run(() -> airlock.enqueue(Tasks::boom, "smtp down"));
            await(() -> !log.records().isEmpty());
            records = log.records();
        }
        assertTrue(records.get(0).getMessage().contains("boom(\"smtp down\")"), records.get(0).getMessage());
        assertEquals("smtp down", records.get(0).getThrown().getMessage());
        assertEquals(List.of(), failures.failures(), "dispatch itself succeeded");
    }

    @Test
    void itIsTheBuiltInExecutorNamedManaged() {
        assertSame(ManagedIntentExecutor.class, io.airlock.internal.cdi.Components.executor(null, "managed", "test").getClass());
    }
}
