package io.airlock;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.CleanAirlock;
import io.airlock.policy.AllOf;
import io.airlock.policy.AllowAll;
import io.airlock.policy.BlockTasks;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A null where the public API takes classes, policies or names fails at once with a message naming the call, never a bare NullPointerException later. */
@ExtendWith(CleanAirlock.class)
class NullArgumentsTest {

    @SuppressWarnings("unchecked")
    static Stream<Arguments> calls() {
        Airlock airlock = Airlock.get();
        return Stream.of(
                Arguments.of("dontDiscardOn", (Executable) () -> airlock.scope().dontDiscardOn((Class<? extends Throwable>) null)),
                Arguments.of("dontDiscardOn", (Executable) () -> airlock.scope().dontDiscardOn(IllegalStateException.class, null)),
                Arguments.of("dontDiscardOn", (Executable) () -> airlock.scope().dontDiscardOn((Class<? extends Throwable>[]) null)),
                Arguments.of("discardOn", (Executable) () -> airlock.scope().discardOn((Class<? extends Throwable>) null)),
                Arguments.of("discardOn", (Executable) () -> airlock.scope().discardOn(IllegalStateException.class, null)),
                Arguments.of("discardOn", (Executable) () -> airlock.scope().discardOn((Class<? extends Throwable>[]) null)),
                Arguments.of("AllOf", (Executable) () -> new AllOf(new AllowAll(), null)),
                Arguments.of("AllOf", (Executable) () -> new AllOf((Policy[]) null)),
                Arguments.of("AllOf", (Executable) () -> Policy.allOf((Policy) null)),
                Arguments.of("BlockTasks", (Executable) () -> new BlockTasks("sendConfirmation", null)),
                Arguments.of("BlockTasks", (Executable) () -> new BlockTasks((String[]) null)),
                Arguments.of("BlockTasks", (Executable) () -> new BlockTasks((List<String>) null, false)),
                Arguments.of("BlockTasks", (Executable) () -> new BlockTasks(Arrays.asList("a", null), true)),
                Arguments.of("BlockTasks", (Executable) () -> BlockTasks.throwingOnEnqueue((String) null)),
                Arguments.of("BlockTasks", (Executable) () -> BlockTasks.throwingOnEnqueue((String[]) null)));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("calls")
    void aNullFailsAtOnceNamingTheCall(String named, Executable call) {
        UsageException e = assertThrows(UsageException.class, call);
        assertTrue(e.getMessage().startsWith(named) && e.getMessage().contains("null"), e.getMessage());
    }
}
