package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.elsewhere.ProtectedBase;
import io.airlock.fixtures.elsewhere.PublicMailer;
import io.airlock.internal.store.DurableExecutor;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Method references that javac compiles into a synthetic {@code lambda$} method instead of a method handle on the
 * method (a varargs method with spread arguments, a public method inherited from a package-private class of another
 * package, a protected method inherited across packages, {@code super::m}, intersection-type receivers, array
 * methods): they are named after the method, so policies match them, and carry the method's identity where each
 * argument is one parameter. Lambdas, even ones that look alike, stay lambdas.
 */
@ExtendWith(CleanAirlock.class)
class MethodReferenceBridgesTest {

    private final Airlock airlock = Airlock.get();

    public static class VarargsMailer {
        public void send(String... to) {
            Calls.record("send" + Arrays.toString(to));
        }

        public void sum(int... n) {
            Calls.record("sum" + Arrays.toString(n));
        }
    }

    /** Enqueues protected methods it inherits from {@link ProtectedBase}, of another package: only a subclass can. */
    public static class Sneaky extends ProtectedBase {
        static Intent enqueueAudit(Airlock airlock, String what) {
            return airlock.enqueue(Sneaky::audit, what);
        }

        static Intent enqueueTally(Airlock airlock, Integer n, Long total) {
            return airlock.enqueue(Sneaky::tally, n, total);
        }

        @Override
        protected void greet(String who) {
            Calls.record("Sneaky.greet(" + who + ")");
        }

        Intent greetThroughSuper(Airlock airlock) {
            return airlock.enqueue(super::greet);
        }

        Intent greetThroughThis(Airlock airlock) {
            return airlock.enqueue((String who) -> this.greet(who));
        }
    }

    public static class Pair {
        public void two(String first, String second) {
            Calls.record("two(" + first + ", " + second + ")");
        }

        public void count(int n) {
            Calls.record("count(" + n + ")");
        }
    }

    public static class Built {
        public Built(Pair pair) {
            Calls.record("new Built(" + pair.getClass().getSimpleName() + ")");
        }
    }

    public interface Named {
        void name();
    }

    public interface Labelled extends Serializable {
    }

    static <Z extends Named & Labelled> Intent intersection(Airlock airlock) {
        return airlock.<Z>enqueue(Z::name);
    }

    /** The intent {@code enqueue} returns, in a scope that drops it: nothing runs. */
    private Intent dropped(Supplier<Intent> enqueue) {
        return airlock.scope().policy(new DropAll()).call(enqueue::get);
    }

    // ------------------------------------------------------------------ varargs

    @Test
    void aVarargsMethodWithSpreadArgumentsIsNamedAfterItRunsInProcessAndSaysWhyItCannotTravel() {
        Intent none = airlock.call(() -> airlock.<VarargsMailer>enqueue(VarargsMailer::send));
        Intent one = airlock.call(() -> airlock.<VarargsMailer, String>enqueue(VarargsMailer::send, "a"));
        Intent many = airlock.call(() -> airlock.<VarargsMailer, String, String, String, String, String>enqueue(VarargsMailer::send,
                "a", "b", "c", "d", "e"));
        Intent primitives = airlock.call(() -> airlock.<VarargsMailer, Integer, Integer>enqueue(VarargsMailer::sum, 1, 2));
        assertEquals(List.of("send[]", "send[a]", "send[a, b, c, d, e]", "sum[1, 2]"), Calls.all());
        for (Intent intent : List.of(none, one, many, primitives)) {
            assertTrue(intent.method().isEmpty(), intent + ": the spread values are not the array the method takes");
            String why = intent.unsendableReason().orElseThrow();
            assertTrue(why.contains("varargs method VarargsMailer." + intent.name()) && why.contains("Pass the array explicitly"), why);
        }
        assertEquals(List.of("send", "send", "send", "sum"), List.of(none.name(), one.name(), many.name(), primitives.name()));
        assertEquals("send(\"a\", \"b\", \"c\", \"d\", \"e\")", many.toString());
        assertTrue(one.unsendableReason().orElseThrow().contains("VarargsMailer.send(String...)"), one.unsendableReason().orElseThrow());
        assertTrue(one.unsendableReason().orElseThrow().contains("enqueue(VarargsMailer::send, new String[] {...})"),
                one.unsendableReason().orElseThrow());
        assertTrue(primitives.unsendableReason().orElseThrow().contains("new int[] {...}"), primitives.unsendableReason().orElseThrow());
    }

    @Test
    void aVarargsMethodGivenItsArrayIsAPlainMethodReference() {
        Intent intent = airlock.call(() -> airlock.<VarargsMailer, String[]>enqueue(VarargsMailer::send, new String[] {"a", "b"}));
        assertEquals(List.of("send[a, b]"), Calls.all());
        assertEquals("send", intent.name());
        TaskMethod method = intent.method().orElseThrow();
        assertEquals(new TaskMethod(VarargsMailer.class, VarargsMailer.class, "send", List.of(String[].class)), method);
        assertTrue(intent.unsendableReason().isEmpty());
    }

    @Test
    void aDurableScopeRefusesSpreadVarargsSayingToPassTheArray() {
        Intent spread = dropped(() -> airlock.<VarargsMailer, String, String>enqueue(VarargsMailer::send, "a", "b"));
        String why = DurableExecutor.whyNotDurable(spread);
        assertTrue(why.contains("varargs method") && why.contains("Pass the array explicitly"), why);
        assertFalse(why.contains("a lambda or an ad-hoc task"), why);
    }

    // ------------------------------------------------------------------ inherited through an inaccessible class

    @Test
    void aMethodInheritedFromAPackagePrivateClassOfAnotherPackageCarriesItsIdentity() {
        Intent intent = airlock.call(() -> airlock.enqueue(PublicMailer::send, "a@b.c"));
        assertEquals(List.of("send(a@b.c) on PublicMailer"), Calls.all());
        assertEquals("send", intent.name());
        TaskMethod method = intent.method().orElseThrow();
        assertEquals(PublicMailer.class, method.targetType());
        assertEquals("io.airlock.fixtures.elsewhere.HiddenBase", method.declaringClass().getName(), "the class that declares it");
        assertEquals(List.of(String.class), method.parameterTypes());
        assertEquals("send", method.method().getName(), "found again by reflection, as a receiver finds it");
        assertTrue(intent.unsendableReason().isEmpty());
    }

    @Test
    void primitiveGenericAndValueReturningMethodsInheritedThroughAnInaccessibleClass() {
        List<Intent> intents = airlock.call(() -> List.of(
                airlock.<PublicMailer, Integer, Long, Double, Boolean, Character>enqueue(PublicMailer::count, 1, 2L, 0.5, true, 'x'),
                airlock.<PublicMailer, Integer>enqueue(PublicMailer::hold, 7),
                airlock.enqueue(PublicMailer::echo, "e")));
        assertEquals(List.of("count(1, 2, 0.5, true, x)", "hold(7)", "echo(e)"), Calls.all());
        assertEquals(List.of("count", "hold", "echo"), intents.stream().map(Intent::name).toList());
        assertEquals(List.of(int.class, long.class, double.class, boolean.class, char.class),
                intents.get(0).method().orElseThrow().parameterTypes());
        assertEquals(List.of(Object.class), intents.get(1).method().orElseThrow().parameterTypes());
        for (Intent intent : intents) {
            assertEquals("io.airlock.fixtures.elsewhere.HiddenBase", intent.method().orElseThrow().declaringClass().getName());
            intent.method().orElseThrow().method();
        }
    }

    @Test
    void aTaskMethodReadFromABridgeRunsAsAReceiverRunsIt() throws Exception {
        Intent intent = dropped(() -> airlock.<PublicMailer, Integer, Long, Double, Boolean, Character>enqueue(PublicMailer::count,
                3, 4L, 1.5, false, 'y'));
        intent.method().orElseThrow().asTask().invoke(new PublicMailer(), intent.args().toArray());
        assertEquals(List.of("count(3, 4, 1.5, false, y)"), Calls.all());
    }

    // ------------------------------------------------------------------ protected across packages

    @Test
    void aProtectedMethodInheritedFromAnotherPackageCarriesItsIdentity() {
        List<Intent> intents = airlock.call(() -> List.of(Sneaky.enqueueAudit(airlock, "x"), Sneaky.enqueueTally(airlock, 5, 6L)));
        assertEquals(List.of("audit(x) on Sneaky", "tally(5, 6)"), Calls.all());
        assertEquals(List.of("audit", "tally"), intents.stream().map(Intent::name).toList());
        TaskMethod audit = intents.get(0).method().orElseThrow();
        assertEquals(new TaskMethod(Sneaky.class, ProtectedBase.class, "audit", List.of(String.class)), audit);
        assertEquals(new TaskMethod(Sneaky.class, ProtectedBase.class, "tally", List.of(int.class, Long.class)),
                intents.get(1).method().orElseThrow());
    }

    // ------------------------------------------------------------------ other bridges

    @Test
    void superIntersectionAndArrayReferencesAreNamedAfterTheirMethod() {
        Sneaky sneaky = new Sneaky();
        Intent viaSuper = dropped(() -> sneaky.greetThroughSuper(airlock));
        Intent inter = dropped(() -> intersection(airlock));
        Intent clone = dropped(() -> airlock.<int[]>enqueue(int[]::clone));
        assertEquals(List.of("greet", "name", "clone"), List.of(viaSuper.name(), inter.name(), clone.name()));
        assertTrue(viaSuper.method().isEmpty(), "a reference through super is bound to its receiver");
        assertTrue(clone.method().isEmpty());
        assertEquals(new TaskMethod(Named.class, Named.class, "name", List.of()), inter.method().orElseThrow());
        for (Intent intent : List.of(viaSuper, inter, clone)) {
            assertTrue(intent.unsendableReason().isEmpty(), intent.toString());
        }
    }

    @Test
    void blockTasksBlocksEveryShapeOfMethodReferenceByTheMethodsName() {
        Sneaky sneaky = new Sneaky();
        airlock.scope().policy(new BlockTasks("send", "sum", "audit", "tally", "count", "hold", "greet")).run(() -> {
            airlock.<VarargsMailer>enqueue(VarargsMailer::send);
            airlock.<VarargsMailer, String>enqueue(VarargsMailer::send, "a");
            airlock.<VarargsMailer, String, String, String>enqueue(VarargsMailer::send, "a", "b", "c");
            airlock.<VarargsMailer, String[]>enqueue(VarargsMailer::send, new String[] {"a"});
            airlock.<VarargsMailer, Integer>enqueue(VarargsMailer::sum, 1);
            airlock.enqueue(PublicMailer::send, "a@b.c");
            airlock.<PublicMailer, Integer, Long, Double, Boolean, Character>enqueue(PublicMailer::count, 1, 2L, 0.5, true, 'x');
            airlock.<PublicMailer, String>enqueue(PublicMailer::hold, "h");
            Sneaky.enqueueAudit(airlock, "x");
            Sneaky.enqueueTally(airlock, 1, 2L);
            sneaky.greetThroughSuper(airlock);
            airlock.enqueue(PublicMailer::echo, "let through");
        });
        assertEquals(List.of("echo(let through)"), Calls.all(), "only the method no policy names ran");
    }

    // ------------------------------------------------------------------ lambdas stay lambdas

    @Test
    void lambdasStayLambdas() {
        String suffix = "!";
        PublicMailer captured = new PublicMailer();
        List<Intent> intents = airlock.call(() -> List.of(
                airlock.enqueue((PublicMailer m) -> m.send("constant")),
                airlock.enqueue((Pair p, String a, String b) -> p.two(b, a), "a", "b"),
                airlock.enqueue((PublicMailer m, String to) -> m.send(to + suffix), "c"),
                airlock.enqueue((Pair p, String to) -> captured.send(to), "d"),
                airlock.enqueue((PublicMailer m, String to) -> {
                    m.send(to);
                    m.send(to);
                }, "e"),
                airlock.enqueue((Pair p, Integer n) -> p.count(n + 1), 41),
                airlock.enqueue((PublicMailer m, String to) -> m.send(to), "f")));
        assertEquals(List.of("send(constant) on PublicMailer", "two(b, a)", "send(c!) on PublicMailer", "send(d) on PublicMailer",
                "send(e) on PublicMailer", "send(e) on PublicMailer", "count(42)", "send(f) on PublicMailer"), Calls.all());
        for (Intent intent : intents) {
            assertTrue(intent.name().matches("lambdasStayLambdas\\$lambda\\d+"), intent.name());
            assertTrue(intent.method().isEmpty(), intent.name());
            assertTrue(intent.unsendableReason().isEmpty(), intent.name());
        }
    }

    @Test
    void aLambdaThatCallsThroughThisStaysALambda() {
        Intent intent = dropped(() -> new Sneaky().greetThroughThis(airlock));
        assertTrue(intent.name().matches("greetThroughThis\\$lambda\\d+"), intent.name());
    }

    // ------------------------------------------------------------------ constructor references

    @Test
    void aConstructorReferenceIsNamedAfterItsClass() {
        Intent intent = airlock.call(() -> airlock.enqueue(Built::new));
        assertEquals("new Built", intent.name());
        assertEquals("new Built()", intent.toString());
        assertEquals(List.of("new Built(Pair)"), Calls.all());
        assertTrue(intent.method().isEmpty());
        assertTrue(intent.unsendableReason().isEmpty(), "it runs in-process like a lambda");
        Intent blocked = airlock.scope().policy(new BlockTasks("new Built")).call(() -> airlock.enqueue(Built::new));
        assertEquals("new Built", blocked.name());
        assertEquals(1, Calls.all().size(), "BlockTasks(\"new Built\") blocked it");
    }

    // ------------------------------------------------------------------ once per call site

    @Test
    void theClassFileIsReadOncePerCallSite() {
        Task1<PublicMailer, String> site = PublicMailer::send;
        TaskInfo first = TaskIntrospector.of(site);
        assertNotNull(first.method());
        assertSame(first, TaskIntrospector.of(site));
        assertNull(first.noMethod());
    }
}
