package io.airlock.telemetry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.Airlock;
import io.airlock.IntentExecutor;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.executor.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** Telemetry that throws (a span processor, an exporter, a propagator) never changes dispatch: the sync executor. */
@ExtendWith(WeldJunit5Extension.class)
class BrokenTelemetryTest {

    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    @ApplicationScoped
    public static class Tasks {
        @Inject
        Recorder recorder;

        public void record(String label) {
            recorder.record(label);
        }

        public void refuse(String label) {
            recorder.record(label);
            throw new Refused(label);
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(BrokenTelemetry.class, Tasks.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;

    @AfterEach
    void reset() {
        BrokenTelemetry.breakOn(null);
        airlock.resetConfiguration();
    }

    @ParameterizedTest
    @ValueSource(strings = {"start create", "end create", "start send", "end send", "start process", "end process",
            "export create", "export send", "export process"})
    void theTaskRunsOnceAndNothingEscapes(String phase) {
        BrokenTelemetry.breakOn(phase);
        assertDoesNotThrow(() -> airlock.run(() -> airlock.enqueue(Tasks::record, "a")));
        assertEquals(List.of("a"), recorder.calls());
    }

    /** A span processor that throws as a span ends leaves the intent's metrics counted. */
    @ParameterizedTest
    @ValueSource(strings = {"end create", "end send", "end process"})
    void theMetricsAreCountedWhenASpanCannotEnd(String phase) {
        BrokenTelemetry.breakOn(phase);
        airlock.run(() -> airlock.enqueue(Tasks::record, "a"));
        assertEquals(1, count("airlock.intents.enqueued"));
        assertEquals(1, count("messaging.client.sent.messages"));
        assertEquals(1, count("messaging.client.consumed.messages"));
        assertEquals(0, count("airlock.intents.failed"));
    }

    @Inject
    BrokenTelemetry telemetry;

    private long count(String metric) {
        return telemetry.metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(metric))
                .flatMap(m -> m.getLongSumData().getPoints().stream()).mapToLong(p -> p.getValue()).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {"start create", "end create", "start send", "end send", "start process", "end process"})
    void aRetryingExecutorRunsASuccessfulTaskOnce(String phase) {
        BrokenTelemetry.breakOn(phase);
        IntentExecutor retrying = IntentExecutor.sync().withRetry(3, Backoff.none());
        assertDoesNotThrow(() -> airlock.scope().executor(retrying).run(() -> airlock.enqueue(Tasks::record, "a")));
        assertEquals(List.of("a"), recorder.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"start create", "end create", "start send", "end send", "start process", "end process"})
    void aFailingTaskFailsWithItsOwnException(String phase) {
        BrokenTelemetry.breakOn(phase);
        Refused thrown = assertThrows(Refused.class, () -> airlock.run(() -> airlock.enqueue(Tasks::refuse, "r")));
        assertEquals("r", thrown.getMessage());
        assertEquals(List.of("r"), recorder.calls());
    }
}
