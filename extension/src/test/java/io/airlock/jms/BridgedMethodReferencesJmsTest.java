package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockTask;
import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.UndeliverableIntentException;
import io.airlock.UsageException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.fixtures.LogCapture;
import io.airlock.fixtures.elsewhere.ProtectedTasks;
import io.airlock.fixtures.elsewhere.PublicShipper;
import io.airlock.internal.store.DurableExecutor;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Messages;
import io.airlock.policy.DropAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.MessageListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Method references that javac compiles into a forwarding {@code lambda$} method travel as any method reference does:
 * a public task inherited from a package-private class of another package, and a protected task inherited across
 * packages, are sent as messages and run on the bean. A varargs task with spread arguments cannot travel, and is
 * refused rather than run in-process in the message's place.
 */
@ExtendWith(WeldJunit5Extension.class)
class BridgedMethodReferencesJmsTest {

    static final String QUEUE = "airlock.bridges";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(43);

    static class Listener extends AirlockMessageListener implements MessageListener {
    }

    /** Enqueues the protected task it inherits from {@link ProtectedTasks}, of another package: only a subclass can. */
    @ApplicationScoped
    public static class Archivist extends ProtectedTasks {
        static Intent enqueueArchive(Airlock airlock, String what) {
            return airlock.enqueue(Archivist::archive, what);
        }
    }

    @ApplicationScoped
    public static class Bulk {
        @Inject
        Recorder recorder;

        @AirlockTask
        public void broadcast(String... to) {
            recorder.record("broadcast" + Arrays.toString(to));
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(PublicShipper.class, Archivist.class, Bulk.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;

    LogCapture log;
    Messages messages;
    JmsIntentExecutor jms;

    @BeforeEach
    void setUp() throws Exception {
        broker.purge(QUEUE);
        log = new LogCapture();
        messages = new Messages(broker, QUEUE, new Listener(), recorder, log);
        jms = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build();
        recorder.clear();
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    @Test
    void aTaskInheritedFromAPackagePrivateClassOfAnotherPackageIsSentAndRunsOnTheBean() {
        Intent intent = airlock.scope().executor(jms).call(() -> airlock.enqueue(PublicShipper::ship, "parcel"));
        assertEquals("ship", intent.name());
        assertEquals("io.airlock.fixtures.elsewhere.HiddenTasks", intent.method().orElseThrow().declaringClass().getName());
        assertEquals(List.of(), recorder.calls(), "sent, not run in-process");
        assertEquals(1, broker.count(QUEUE));
        messages.assertRuns("PublicShipper::ship", "ship(parcel) on PublicShipper");
    }

    @Test
    void aProtectedTaskInheritedFromAnotherPackageIsSentAndRunsOnTheBean() {
        Intent intent = airlock.scope().executor(jms).call(() -> Archivist.enqueueArchive(airlock, "ledger"));
        assertEquals("archive", intent.name());
        assertEquals(ProtectedTasks.class, intent.method().orElseThrow().declaringClass());
        assertEquals(List.of(), recorder.calls(), "sent, not run in-process");
        assertEquals(1, broker.count(QUEUE));
        messages.assertRuns("Archivist::archive", "archive(ledger) on Archivist");
    }

    @Test
    void suchTasksCanBeDurable() {
        Intent shipped = airlock.scope().policy(new DropAll()).call(() -> airlock.enqueue(PublicShipper::ship, "x"));
        Intent archived = airlock.scope().policy(new DropAll()).call(() -> Archivist.enqueueArchive(airlock, "x"));
        assertNull(DurableExecutor.whyNotDurable(shipped));
        assertNull(DurableExecutor.whyNotDurable(archived));
    }

    @Test
    void aVarargsTaskWithSpreadArgumentsIsRefusedNotRunInProcess() {
        UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class, () -> airlock.scope().executor(jms)
                .run(() -> airlock.<Bulk, String, String>enqueue(Bulk::broadcast, "a", "b")));
        assertTrue(e.getMessage().contains("broadcast(\"a\", \"b\")") && e.getMessage().contains("not run in-process")
                && e.getMessage().contains("varargs method Bulk.broadcast(String...)")
                && e.getMessage().contains("enqueue(Bulk::broadcast, new String[] {...})"), e.getMessage());
        assertEquals(List.of(), recorder.calls(), "not run in-process");
        assertEquals(0, broker.count(QUEUE));
    }

    @Test
    void theVarargsTaskGivenItsArrayIsSentAndRuns() {
        airlock.scope().executor(jms).run(() -> airlock.<Bulk, String[]>enqueue(Bulk::broadcast, new String[] {"a", "b"}));
        assertEquals(List.of(), recorder.calls());
        messages.assertRuns("Bulk::broadcast", "broadcast[a, b]");
    }

    @Test
    void aDelayOnAnIntentTheJmsExecutorCannotSendIsRefusedWithAMessageThatSaysWhy() {
        DispatchOptions delayed = DispatchOptions.builder().delay(Duration.ofSeconds(2)).build();
        UsageException e = assertThrows(UsageException.class, () -> airlock.scope().executor(jms)
                .run(() -> airlock.options(delayed).<Bulk, String, String>enqueue(Bulk::broadcast, "a", "b")));
        assertTrue(e.getMessage().contains("cannot honour it for this intent") && e.getMessage().contains("carries none")
                && e.getMessage().contains("Pass the array explicitly"), e.getMessage());
        assertEquals(List.of(), recorder.calls());
        // a method reference that carries its identity keeps the option
        Intent shipped = airlock.scope().executor(jms).policy(new DropAll())
                .call(() -> airlock.options(delayed).enqueue(PublicShipper::ship, "x"));
        assertEquals(Duration.ofSeconds(2), shipped.options().delay().orElseThrow());
        assertFalse(shipped.method().isEmpty());
    }
}
