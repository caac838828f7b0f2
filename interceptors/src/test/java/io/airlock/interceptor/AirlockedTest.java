package io.airlock.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.Scope;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.internal.interceptor.AirlockedExtension;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WeldJunit5Extension.class)
class AirlockedTest {

    /** Blocks the confirmation email: a policy class with a no-argument constructor. */
    public static class NoEmails extends BlockTasks {
        public NoEmails() {
            super("send");
        }
    }

    /** An executor bean, chosen by name. */
    @Named("tagging")
    @ApplicationScoped
    public static class TaggingExecutor implements IntentExecutor {
        @Inject
        Recorder recorder;

        @Override
        public void execute(Intent intent) throws Exception {
            recorder.record("tagged " + intent);
        }
    }

    @ApplicationScoped
    public static class Orders {
        @Inject
        Airlock airlock;
        @Inject
        Orders self;

        @Airlocked
        public String place(String to) {
            airlock.enqueue(RecordingMailer::send, to);
            return "placed";
        }

        @Airlocked
        public void placeThenFail(String to) {
            airlock.enqueue(RecordingMailer::send, to);
            throw new IllegalStateException("out of stock");
        }

        @Airlocked(dontDiscardOn = UncheckedIOException.class)
        public void placeThenPartialFailure(String to) {
            airlock.enqueue(RecordingMailer::send, to);
            throw new UncheckedIOException(new IOException("partial"));
        }

        @Airlocked(dontDiscardOn = RuntimeException.class, discardOn = IllegalArgumentException.class)
        public void placeThenFailWith(String to, RuntimeException failure) {
            airlock.enqueue(RecordingMailer::send, to);
            throw failure;
        }

        @Airlocked
        public void outer(String to) {
            airlock.enqueue(RecordingMailer::send, to + " outer");
            self.place(to + " inner");
            assertEquals(List.of(), recorderOf(), "the inner call's scope was captured by the outer one");
        }

        @Airlocked(policy = NoEmails.class)
        public void placeWithoutEmails(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }

        @Airlocked(policy = DropAll.class)
        public Scope dryRun(String to) {
            airlock.enqueue(RecordingMailer::send, to);
            return airlock.currentScope().orElseThrow();
        }

        @Airlocked(executor = "tagging")
        public void placeTagged(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }

        @Inject
        Recorder recorder;

        List<String> recorderOf() {
            return recorder.calls();
        }
    }

    @Airlocked
    @ApplicationScoped
    public static class WholeClass {
        @Inject
        Airlock airlock;

        public void one(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }

        public boolean inScope() {
            return airlock.currentScope().isPresent();
        }
    }

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(AirlockWeld.weld(Orders.class, WholeClass.class, TaggingExecutor.class)
            .addExtension(new AirlockedExtension())).build();

    @Inject
    Orders orders;
    @Inject
    WholeClass wholeClass;
    @Inject
    Recorder recorder;
    @Inject
    Airlock airlock;

    @Test
    void flushesOnReturn() {
        assertEquals("placed", orders.place("a"));
        assertEquals(List.of("send(a)"), recorder.calls());
        assertTrue(airlock.currentScope().isEmpty());
    }

    @Test
    void discardsOnException() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> orders.placeThenFail("a"));
        assertEquals("out of stock", e.getMessage());
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void dontDiscardOnStillFlushes() {
        assertThrows(UncheckedIOException.class, () -> orders.placeThenPartialFailure("a"));
        assertEquals(List.of("send(a)"), recorder.calls());
    }

    @Test
    void theMoreSpecificExceptionClassDecides() {
        assertThrows(IllegalStateException.class, () -> orders.placeThenFailWith("kept", new IllegalStateException()));
        assertThrows(IllegalArgumentException.class, () -> orders.placeThenFailWith("dropped", new IllegalArgumentException()));
        assertEquals(List.of("send(kept)"), recorder.calls());
    }

    @Test
    void nestedCallsAreCapturedByTheOutermost() {
        orders.outer("x");
        assertEquals(List.of("send(x outer)", "send(x inner)"), recorder.calls());
    }

    @Test
    void policyMember() {
        orders.placeWithoutEmails("a");
        assertEquals(List.of(), recorder.calls());
        Scope scope = orders.dryRun("b");
        assertEquals(1, scope.intents().size());
        assertTrue(scope.isFlushed());
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void executorMemberByBeanName() {
        orders.placeTagged("a");
        assertEquals(List.of("tagged send(\"a\")"), recorder.calls());
    }

    @Test
    void onTheClassEveryBusinessMethodGetsAScope() {
        assertTrue(wholeClass.inScope());
        wholeClass.one("c");
        assertEquals(List.of("send(c)"), recorder.calls());
    }

    @Test
    void eachInvocationHasItsOwnScope() {
        Scope first = orders.dryRun("1");
        Scope second = orders.dryRun("2");
        assertNotSame(first, second);
    }
}
