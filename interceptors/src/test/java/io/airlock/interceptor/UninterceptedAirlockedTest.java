package io.airlock.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.NoScopeException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.internal.interceptor.AirlockedExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * An {@code @Airlocked} method whose interceptor did not run: the {@link NoScopeException} says so and names the
 * method and the ways it happens, wherever on the stack the method is and however it was reached; code that was
 * never {@code @Airlocked} gets no such hint.
 */
class UninterceptedAirlockedTest {

    @ApplicationScoped
    public static class Orders {
        @Inject
        Airlock airlock;

        @Airlocked
        public void place(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }

        /** The enqueue two calls below the boundary. */
        @Airlocked
        public void placeThroughHelpers(String to) {
            confirm(to);
        }

        void confirm(String to) {
            mail(to);
        }

        private void mail(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }

        /** Never a boundary. */
        public void placeWithoutBoundary(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }
    }

    /** Every business method a boundary, through the class's annotation. */
    @ApplicationScoped
    @Airlocked
    public static class AllAirlocked {
        @Inject
        Airlock airlock;

        public void place(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }
    }

    private static String failure(Runnable call) {
        return assertThrows(NoScopeException.class, call::run).getMessage();
    }

    private static void assertNames(String method, String message) {
        assertTrue(message.contains("The calling method " + method + " is annotated @Airlocked, but its interceptor did not run"), message);
        assertTrue(message.contains("io.airlock.internal.interceptor.AirlockedExtension"), message);
        assertTrue(message.startsWith("Cannot enqueue send("), "the usual message comes first: " + message);
    }

    @Test
    void withoutTheInterceptorsExtensionTheMessageNamesTheMethodAndTheExtension() {
        try (WeldContainer weld = AirlockWeld.weld(Orders.class, AllAirlocked.class).initialize()) {
            Orders orders = weld.select(Orders.class).get();
            assertNames(Orders.class.getName() + ".place", failure(() -> orders.place("a")));
            assertNames(Orders.class.getName() + ".placeThroughHelpers", failure(() -> orders.placeThroughHelpers("b")));
            assertNames(AllAirlocked.class.getName() + ".place", failure(() -> weld.select(AllAirlocked.class).get().place("c")));
        }
    }

    @Test
    void anInstanceMadeWithNewGetsTheSameHintWhileAnInjectedOneHasItsScope() {
        try (WeldContainer weld = AirlockWeld.weld(Orders.class).addExtension(new AirlockedExtension()).initialize()) {
            Orders injected = weld.select(Orders.class).get();
            injected.place("through the bean"); // intercepted: a scope of its own, no failure
            Orders made = new Orders();
            made.airlock = weld.select(Airlock.class).get();
            assertNames(Orders.class.getName() + ".place", failure(() -> made.place("made with new")));
            assertEquals(List.of("send(through the bean)"), weld.select(io.airlock.cdi.fixtures.Recorder.class).get().calls());
        }
    }

    @Test
    void codeThatIsNotAirlockedGetsNoHint() {
        try (WeldContainer weld = AirlockWeld.weld(Orders.class).addExtension(new AirlockedExtension()).initialize()) {
            String message = failure(() -> weld.select(Orders.class).get().placeWithoutBoundary("x"));
            assertFalse(message.contains("is annotated @Airlocked"), message);
            assertFalse(message.contains("AirlockedExtension"), message);
            message = failure(() -> Airlock.get().enqueue(RecordingMailer::send, "from the test"));
            assertFalse(message.contains("is annotated @Airlocked"), message);
        }
    }
}
