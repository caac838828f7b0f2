package io.airlock.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockConfig;
import io.airlock.DispatchFailure;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.FailureLog;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.fixtures.LogCapture;
import io.airlock.policy.LogOnFlush;
import io.airlock.spi.TargetResolver;
import io.airlock.spi.TransactionSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Airlock.configure} in a container changes the application's defaults, never by accident the
 * platform bindings the extension installed: CDI target resolution, the JTA binding, the CDI failure event.
 */
@ExtendWith(WeldJunit5Extension.class)
class ContainerConfigurationTest {

    @ApplicationScoped
    public static class Checkout {
        @Inject
        Airlock airlock;
        @Inject
        TransactionSynchronizationRegistry registry;

        @Transactional
        public void enqueueThenRollBack(String to) {
            airlock.enqueue(RecordingMailer::send, to);
            registry.setRollbackOnly();
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Checkout.class);

    @Inject
    Airlock airlock;
    @Inject
    Checkout checkout;
    @Inject
    Recorder recorder;
    @Inject
    FailureLog failureLog;

    @AfterEach
    void reset() {
        airlock.resetConfiguration();
    }

    /** Every way an application can hand over a configuration that does not mention the platform bindings. */
    static List<UnaryOperator<AirlockConfig>> changes() {
        return List.of(
                c -> AirlockConfig.defaults(),
                c -> AirlockConfig.defaults().withPolicy(new LogOnFlush()),
                c -> AirlockConfig.defaults().withExecutor(intent -> intent.invoke()),
                c -> new AirlockConfig(new LogOnFlush(), io.airlock.IntentExecutor.sync(), io.airlock.Scope::new,
                        TargetResolver.NEW_INSTANCE, TransactionSupport.NONE, io.airlock.NoScopeBehavior.FAIL, f -> { }, Integer.MAX_VALUE),
                c -> c.withPolicy(new LogOnFlush()),
                c -> c.withFailureListener(f -> { }));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void aConfigurationThatDoesNotNameThePlatformBindingsKeepsThem(UnaryOperator<AirlockConfig> change) {
        AirlockConfig deployed = airlock.configuration();
        airlock.configure(change);
        assertSame(deployed.targetResolver(), airlock.configuration().targetResolver());
        assertSame(deployed.transactionSupport(), airlock.configuration().transactionSupport());

        // CDI targets: RecordingMailer's injected recorder is there
        airlock.run(() -> airlock.enqueue(RecordingMailer::send, "resolved from CDI"));
        assertEquals(List.of("send(resolved from CDI)"), recorder.calls());

        // JTA: a rolled-back transaction's intent never escapes
        airlock.run(() -> checkout.enqueueThenRollBack("rolled back"));
        assertEquals(List.of("send(resolved from CDI)"), recorder.calls());

        // the CDI failure event still fires
        assertThrows(IllegalStateException.class, () -> airlock.run(() -> airlock.enqueue(RecordingMailer::fail, "smtp down")));
        assertEquals(1, failureLog.failures().size());
    }

    @Test
    void aListenerOfTheApplicationIsToldBesideTheCdiEvent() {
        List<DispatchFailure> mine = new ArrayList<>();
        airlock.configure(c -> c.withFailureListener(mine::add));
        assertThrows(IllegalStateException.class, () -> airlock.run(() -> airlock.enqueue(RecordingMailer::fail, "smtp down")));
        assertEquals(1, mine.size());
        assertEquals(1, failureLog.failures().size());
        assertSame(mine.get(0), failureLog.failures().get(0));
    }

    @Test
    void aDeliberateReplacementIsTakenAndLogged() {
        TargetResolver mine = new TargetResolver() {
            @Override
            public <T> Target<T> resolve(Class<T> type) {
                return TargetResolver.NEW_INSTANCE.resolve(type);
            }

            @Override
            public String toString() {
                return "my resolver";
            }
        };
        TransactionSupport none = () -> null;
        try (LogCapture log = new LogCapture("io.airlock")) {
            airlock.configure(c -> c.withTargetResolver(mine).withTransactionSupport(none));
            assertSame(mine, airlock.configuration().targetResolver());
            assertSame(none, airlock.configuration().transactionSupport());
            assertTrue(log.at(Level.WARNING).stream().anyMatch(m -> m.contains("my resolver") && m.contains("CDI target resolution")),
                    log.at(Level.WARNING).toString());
            assertTrue(log.at(Level.WARNING).stream().anyMatch(m -> m.contains("JTA transaction support")),
                    log.at(Level.WARNING).toString());
        }
        airlock.resetConfiguration();
        airlock.run(() -> airlock.enqueue(RecordingMailer::send, "back to CDI"));
        assertEquals(List.of("send(back to CDI)"), recorder.calls());
    }
}
