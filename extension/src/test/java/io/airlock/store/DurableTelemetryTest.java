package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.IntentExecutor;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.otel.OpenTelemetryObserver;
import io.airlock.store.fixtures.Ledger;
import io.airlock.store.fixtures.XaDataSource;
import io.airlock.telemetry.Telemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Durable intents keep their trace: the dispatch after the commit, and a retry by the relay from the stored row. */
@ExtendWith(WeldJunit5Extension.class)
class DurableTelemetryTest {

    @ApplicationScoped
    public static class Shop {
        @Inject
        Airlock airlock;

        @Transactional
        public void order(String entry) {
            airlock.run(() -> airlock.enqueue(Ledger::record, entry));
        }

        @Transactional
        public void orderThrough(IntentExecutor executor, String entry) {
            airlock.scope().executor(executor).run(() -> airlock.enqueue(Ledger::record, entry));
        }
    }

    static final XaDataSource DATABASE = XaDataSource.h2("telemetry");

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Telemetry.class, Ledger.class, Shop.class,
            AbstractDurableIntentsTest.RetryingItself.class);

    @Inject
    Shop shop;
    @Inject
    Ledger ledger;
    @Inject
    DurableIntents durable;
    @Inject
    Telemetry telemetry;

    @BeforeAll
    static void configure() {
        AbstractDurableIntentsTest.use(DATABASE);
    }

    @AfterAll
    static void unconfigure() {
        AbstractDurableIntentsTest.unconfigure();
    }

    @BeforeEach
    void emptyTable() throws Exception {
        durable.find("x");
        AbstractDurableIntentsTest.sql("DELETE FROM AIRLOCK_INTENT");
    }

    private String inRequest(Runnable work) {
        Span request = telemetry.tracer().spanBuilder("POST /orders").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            work.run();
        } finally {
            request.end();
        }
        return request.getSpanContext().getTraceId();
    }

    @Test
    void theTaskRunAfterTheCommitContinuesTheTrace() {
        String trace = inRequest(() -> shop.order("a"));
        assertEquals(List.of("a"), ledger.entries());
        SpanData send = telemetry.span("send record");
        SpanData process = telemetry.span("process record");
        assertEquals(trace, process.getTraceId());
        assertEquals(send.getSpanId(), process.getParentSpanId());
        assertTrue(send.getAttributes().get(OpenTelemetryObserver.EXECUTOR).startsWith("durable"), send.toString());
    }

    @Test
    void anIntentGivenTheStoresRetriesForAnExecutorThatRetriesItselfKeepsItsTrace() {
        String trace = inRequest(() -> shop.orderThrough(durable.executor("retrying-itself"), "c"));
        assertEquals(List.of("c"), ledger.entries());
        SpanData send = telemetry.span("send record");
        SpanData process = telemetry.span("process record");
        assertEquals(trace, process.getTraceId());
        assertEquals(send.getSpanId(), process.getParentSpanId(), "the copy that carries the store's maxRetries continues the intent's trace");
    }

    @Test
    void aRetryByTheRelayContinuesTheTraceFromTheStoredRow() throws Exception {
        ledger.failNext("b", 1);
        String trace = inRequest(() -> shop.order("b"));
        long end = System.nanoTime() + 10_000_000_000L;
        while (!ledger.entries().contains("b") && System.nanoTime() < end) {
            durable.relayNow();
            Thread.sleep(25);
        }
        assertEquals(List.of("b"), ledger.entries());
        SpanData send = telemetry.span("send record");
        List<SpanData> runs = telemetry.spans().stream().filter(s -> s.getName().equals("process record")).toList();
        assertEquals(2, runs.size(), "the failed run after the commit, and the relay's");
        assertEquals(StatusCode.ERROR, runs.get(0).getStatus().getStatusCode());
        assertTrue(runs.get(0).getEvents().stream().anyMatch(e -> e.getName().equals("exception")), "the attempt's failure is recorded on its span");
        assertEquals(StatusCode.UNSET, runs.get(1).getStatus().getStatusCode());
        for (SpanData run : runs) {
            assertEquals(trace, run.getTraceId(), "the relay read the trace context from the row");
            assertEquals(send.getSpanId(), run.getParentSpanId());
        }
        assertEquals(1, telemetry.count("airlock.intents.retried", java.util.Map.of()));
    }

    @Test
    void theStoreGaugesCountPendingAndFailedIntentsAndTheOldestPendingAge() {
        assertEquals(0, telemetry.count("airlock.store.pending", java.util.Map.of()));
        java.time.Instant created = java.time.Instant.now().minusSeconds(90);
        java.time.Instant later = java.time.Instant.now().plusSeconds(3600);   // not due: the relay leaves them alone
        IntentStore store = beanManagerStore();
        store.save(List.of(new StoredIntent("p1", "record", "sync", "{}", IntentState.PENDING, 0, 2, created, later, null, null, null, List.of()),
                new StoredIntent("p2", "record", "sync", "{}", IntentState.PENDING, 0, 2, later.minusSeconds(3600), later, null, null, null,
                        List.of()),
                new StoredIntent("f1", "record", "sync", "{}", IntentState.FAILED, 3, 2, created, later, null, null, null, List.of())));
        assertEquals(2, telemetry.count("airlock.store.pending", java.util.Map.of("messaging.system", "airlock")));
        assertEquals(1, telemetry.count("airlock.store.failed", java.util.Map.of()));
        double age = telemetry.gauge("airlock.store.oldest_pending.age");
        assertTrue(age >= 90 && age < 120, "age " + age);
    }

    @Inject
    jakarta.enterprise.inject.spi.BeanManager beanManager;

    private IntentStore beanManagerStore() {
        return beanManager.getExtension(io.airlock.internal.cdi.AirlockExtension.class).durability().store();
    }
}
