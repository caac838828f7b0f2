package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A null argument for a primitive parameter of a task method is refused at enqueue, naming the argument, the method and
 * the fix: dispatched, it would fail with a bare NullPointerException after the scope ended (after the commit, in a
 * transaction). Every primitive type, at each position; boxed parameters and lambdas still take null.
 */
@ExtendWith(CleanAirlock.class)
class NullForPrimitiveTest {

    public static class Primitives {
        public void ofInt(int v) {
            Calls.record("int " + v);
        }

        public void ofLong(long v) {
            Calls.record("long " + v);
        }

        public void ofShort(short v) {
            Calls.record("short " + v);
        }

        public void ofByte(byte v) {
            Calls.record("byte " + v);
        }

        public void ofChar(char v) {
            Calls.record("char " + v);
        }

        public void ofBoolean(boolean v) {
            Calls.record("boolean " + v);
        }

        public void ofFloat(float v) {
            Calls.record("float " + v);
        }

        public void ofDouble(double v) {
            Calls.record("double " + v);
        }

        public void mixed(String a, Long b, int c, Integer d, double e) {
            Calls.record("mixed " + a + " " + b + " " + c + " " + d + " " + e);
        }

        public void boxed(Integer v) {
            Calls.record("boxed " + v);
        }
    }

    private final Airlock airlock = Airlock.get();

    static Stream<Arguments> nullsForPrimitives() {
        Airlock airlock = Airlock.get();
        return Stream.of(
                Arguments.of("int", 1, (Executable) () -> airlock.enqueue(Primitives::ofInt, (Integer) null)),
                Arguments.of("long", 1, (Executable) () -> airlock.enqueue(Primitives::ofLong, (Long) null)),
                Arguments.of("short", 1, (Executable) () -> airlock.enqueue(Primitives::ofShort, (Short) null)),
                Arguments.of("byte", 1, (Executable) () -> airlock.enqueue(Primitives::ofByte, (Byte) null)),
                Arguments.of("char", 1, (Executable) () -> airlock.enqueue(Primitives::ofChar, (Character) null)),
                Arguments.of("boolean", 1, (Executable) () -> airlock.enqueue(Primitives::ofBoolean, (Boolean) null)),
                Arguments.of("float", 1, (Executable) () -> airlock.enqueue(Primitives::ofFloat, (Float) null)),
                Arguments.of("double", 1, (Executable) () -> airlock.enqueue(Primitives::ofDouble, (Double) null)),
                Arguments.of("int", 3, (Executable) () -> airlock.enqueue(Primitives::mixed, null, null, null, null, 1.0)),
                Arguments.of("double", 5, (Executable) () -> airlock.enqueue(Primitives::mixed, "a", 1L, 2, null, null)),
                Arguments.of("long", 1, (Executable) () -> airlock.named("custom").enqueue(Primitives::ofLong, (Long) null)));
    }

    @ParameterizedTest(name = "{index}: a null for the {0} at argument {1}")
    @MethodSource("nullsForPrimitives")
    void isRefusedAtEnqueueNamingTheArgumentAndTheFix(String type, int position, Executable enqueue) {
        List<Integer> buffered = new java.util.ArrayList<>();
        airlock.run(() -> {
            UsageException e = assertThrows(UsageException.class, enqueue);
            assertTrue(e.getMessage().contains("argument " + position + " is null") && e.getMessage().contains("takes a " + type)
                    && e.getMessage().contains("declare the parameter as"), e.getMessage());
            buffered.add(airlock.currentScope().orElseThrow().intents().size());
        });
        assertEquals(List.of(0), buffered, "nothing is buffered");
        assertEquals(List.of(), Calls.all());
    }

    @Test
    void boxedParametersAndLambdasStillTakeNull() {
        airlock.run(() -> {
            airlock.enqueue(Primitives::boxed, (Integer) null);
            airlock.enqueue(Primitives::mixed, null, null, 7, null, 2.5);
            airlock.enqueue((Primitives p, Integer v) -> p.boxed(v), (Integer) null);
        });
        assertEquals(List.of("boxed null", "mixed null null 7 null 2.5", "boxed null"), Calls.all());
    }
}
