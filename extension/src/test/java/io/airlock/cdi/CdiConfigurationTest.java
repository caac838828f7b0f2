package io.airlock.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockDefault;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.NoScopeBehavior;
import io.airlock.NoScopeException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.policy.DropAll;
import io.airlock.policy.LogOnFlush;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration under the prefix {@code airlock.}: read at deployment (here from system properties, the
 * fallback when the application has no MicroProfile Config), and invalid values fail the deployment.
 */
class CdiConfigurationTest {

    private final Map<String, String> set = new HashMap<>();

    private void property(String key, String value) {
        set.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterEach
    void restore() {
        set.forEach((key, old) -> {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        });
    }

    private static void deploy(Weld weld, Consumer<WeldContainer> body) {
        try (WeldContainer container = weld.initialize()) {
            body.accept(container);
        }
    }

    private static String failure(Weld weld) {
        DeploymentException e = assertThrows(DeploymentException.class, () -> deploy(weld, c -> { }));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Named("counting")
    @ApplicationScoped
    public static class CountingExecutor implements IntentExecutor {
        @Inject
        Recorder recorder;

        @Override
        public void execute(Intent intent) {
            recorder.record("counted " + intent.name());
        }
    }

    public static class ProducesDefault {
        @Produces
        @AirlockDefault
        IntentExecutor executor(Recorder recorder) {
            return intent -> recorder.record("default executor ran " + intent.name());
        }
    }

    @ApplicationScoped
    public static class Shop {
        @Inject
        Airlock airlock;

        @Transactional
        public void checkoutWithFailingTask() {
            airlock.enqueue(RecordingMailer::send, "first");
            airlock.enqueue(RecordingMailer::fail, "smtp down");
            airlock.enqueue(RecordingMailer::send, "never");
        }

        @Transactional
        public void checkout(boolean fail) {
            airlock.enqueue(RecordingMailer::send, "joined");
            if (fail) {
                throw new IllegalStateException("declined");
            }
        }
    }

    @Test
    void aBuiltInPolicyByName() {
        property("airlock.policy", "drop-all");
        deploy(AirlockWeld.weld(), c -> assertInstanceOf(DropAll.class, Airlock.get().configuration().policy()));
    }

    /** Built-in names are read in any letter case, as the other named values (modes, true/false) are. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"DROP-ALL", "Drop-All", " drop-all ", "ASSERT-NO-EFFECTS", "Log-On-Flush", "ALLOW-ALL"})
    void aBuiltInPolicyInAnyLetterCase(String name) {
        property("airlock.policy", name);
        deploy(AirlockWeld.weld(), c -> assertEquals(name.trim().replace("-", "").toLowerCase(java.util.Locale.ROOT),
                Airlock.get().configuration().policy().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"SYNC", "Sync", " sync "})
    void aBuiltInExecutorInAnyLetterCase(String name) {
        property("airlock.executor", name);
        deploy(AirlockWeld.weld(), c -> assertSame(IntentExecutor.sync(), Airlock.get().configuration().executor()));
    }

    @Test
    void aPolicyByClassName() {
        property("airlock.policy", LogOnFlush.class.getName());
        deploy(AirlockWeld.weld(), c -> assertInstanceOf(LogOnFlush.class, Airlock.get().configuration().policy()));
    }

    @Test
    void anExecutorByBeanName() {
        property("airlock.executor", "counting");
        deploy(AirlockWeld.weld(CountingExecutor.class), c -> {
            Airlock.get().run(() -> Airlock.get().enqueue(RecordingMailer::send, "x"));
            assertEquals(List.of("counted send"), c.select(Recorder.class).get().calls());
        });
    }

    @Test
    void anAirlockDefaultBeanIsTheDefaultExecutor() {
        deploy(AirlockWeld.weld(ProducesDefault.class), c -> {
            Airlock.get().run(() -> Airlock.get().enqueue(RecordingMailer::send, "x"));
            assertEquals(List.of("default executor ran send"), c.select(Recorder.class).get().calls());
        });
    }

    @Test
    void theKeyWinsOverAnAirlockDefaultBean() {
        property("airlock.executor", "sync");
        deploy(AirlockWeld.weld(ProducesDefault.class), c -> assertSame(IntentExecutor.sync(), Airlock.get().configuration().executor()));
    }

    @Test
    void anUnknownPolicyFailsTheDeploymentNamingKeyAndAllowedValues() {
        property("airlock.policy", "drop-some");
        String message = failure(AirlockWeld.weld());
        assertTrue(message.contains("airlock.policy"), message);
        assertTrue(message.contains("drop-some"), message);
        assertTrue(message.contains("drop-all"), message);
    }

    @Test
    void anUnknownExecutorFailsTheDeployment() {
        property("airlock.executor", "com.example.NoSuchExecutor");
        String message = failure(AirlockWeld.weld());
        assertTrue(message.contains("airlock.executor"), message);
        assertTrue(message.contains("sync"), message);
    }

    @Test
    void aClassOfTheWrongKindFailsTheDeployment() {
        property("airlock.executor", String.class.getName());
        String message = failure(AirlockWeld.weld());
        assertTrue(message.contains("is not a io.airlock.IntentExecutor"), message);
    }

    @Test
    void anUnknownKeyFailsTheDeployment() {
        property("airlock.polcy", "drop-all");
        String message = failure(AirlockWeld.weld());
        assertTrue(message.contains("airlock.polcy"), message);
        assertTrue(message.contains("airlock.policy"), message);
    }

    @Test
    void anUnknownNoScopeValueFailsTheDeployment() {
        property("airlock.no-scope", "ignore");
        String message = failure(AirlockWeld.weld());
        assertTrue(message.contains("airlock.no-scope"), message);
        assertTrue(message.contains("join-transaction"), message);
    }

    @Test
    void noScopeFailsByDefault() {
        deploy(AirlockWeld.weld(Shop.class), c -> {
            assertEquals(NoScopeBehavior.FAIL, Airlock.get().configuration().noScope());
            assertThrows(NoScopeException.class, () -> c.select(Shop.class).get().checkout(false));
        });
    }

    @Test
    void noScopeCanJoinTheActiveTransaction() {
        property("airlock.no-scope", "join-transaction");
        deploy(AirlockWeld.weld(Shop.class), c -> {
            Shop shop = c.select(Shop.class).get();
            Recorder recorder = c.select(Recorder.class).get();
            shop.checkout(false);
            assertEquals(List.of("send(joined)"), recorder.calls(), "flushed when the transaction committed");
            assertThrows(IllegalStateException.class, () -> shop.checkout(true));
            assertEquals(List.of("send(joined)"), recorder.calls(), "discarded when it rolled back");
            NoScopeException e = assertThrows(NoScopeException.class, () -> Airlock.get().enqueue(RecordingMailer::send, "no tx"));
            assertTrue(e.getMessage().contains("no JTA transaction is active"), e.getMessage());
        });
    }

    @Test
    void joiningATransactionThatWillNotCommitDropsTheIntentWithAWarning() throws Exception {
        property("airlock.no-scope", "join-transaction");
        deploy(AirlockWeld.weld(Shop.class), c -> {
            Recorder recorder = c.select(Recorder.class).get();
            jakarta.transaction.TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
            for (boolean enqueueFirst : new boolean[] {false, true}) {
                try (io.airlock.fixtures.LogCapture log = new io.airlock.fixtures.LogCapture()) {
                    tm.begin();
                    if (enqueueFirst) {
                        Airlock.get().enqueue(RecordingMailer::send, "before the mark");
                    }
                    tm.setRollbackOnly();
                    Airlock.get().enqueue(RecordingMailer::send, "after the mark"); // neither NoScopeException nor lost unsaid
                    tm.rollback();
                    List<String> warnings = log.at(java.util.logging.Level.WARNING);
                    assertTrue(warnings.stream().anyMatch(w -> w.contains("after the mark") && w.contains("will not commit")), warnings.toString());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            assertEquals(List.of(), recorder.calls());
        });
    }

    @Test
    void joiningATransactionThatWillNotCommitStillAsksThePolicyAtEnqueue() throws Exception {
        property("airlock.no-scope", "join-transaction");
        property("airlock.policy", "assert-no-effects");
        deploy(AirlockWeld.weld(Shop.class), c -> {
            jakarta.transaction.TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
            try {
                tm.begin();
                tm.setRollbackOnly();
                assertThrows(io.airlock.PolicyViolationException.class, () -> Airlock.get().enqueue(RecordingMailer::send, "refused"),
                        "a programming error is reported whatever the transaction's state");
                tm.rollback();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aFailureWhenAJoinedTransactionCommitsIsReportedAsAfterCompletion() {
        property("airlock.no-scope", "join-transaction");
        deploy(AirlockWeld.weld(Shop.class), c -> {
            c.select(Shop.class).get().checkoutWithFailingTask(); // committed: the failure comes after, uncatchable
            assertEquals(List.of("send(first)", "fail(smtp down)"), c.select(Recorder.class).get().calls());
            List<io.airlock.DispatchFailure> failures = c.select(io.airlock.cdi.fixtures.FailureLog.class).get().failures();
            assertEquals(1, failures.size());
            assertTrue(failures.get(0).afterCompletion());
            assertEquals("send(\"never\")", failures.get(0).notAttempted().get(0).toString());
        });
    }

    @Test
    void shutdownRestoresPlainDefaults() {
        property("airlock.policy", "drop-all");
        deploy(AirlockWeld.weld(), c -> { });
        assertEquals(io.airlock.AirlockConfig.defaults(), Airlock.get().configuration());
    }
}
