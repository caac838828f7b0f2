package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Warehouse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A scope's limit ({@code maxIntents}): the enqueue that would pass it fails clearly and the unit of work
 * discards; work flushed in chunks under the same limit dispatches everything; the limit comes from the scope,
 * the runner or the application, and counts captured intents too.
 */
@ExtendWith(CleanAirlock.class)
class ScopeCapacityTest {

    private final Airlock airlock = Airlock.get();

    @Test
    void theEnqueuePastTheLimitFailsNamingTheFixAndNothingEscapes() {
        for (int limit : new int[] {1, 2, 7, 100}) {
            Calls.clear();
            int max = limit;
            ScopeCapacityException e = assertThrows(ScopeCapacityException.class, () -> airlock.scope().maxIntents(max).run(() -> {
                for (long i = 0; i <= max; i++) {
                    airlock.enqueue(Warehouse::reserve, i);
                }
            }));
            assertEquals(limit, e.maxIntents());
            assertEquals(limit + 1, e.wanted());
            assertTrue(e.getMessage().contains("airlock.scope.max-intents") && e.getMessage().contains("chunks"), e.getMessage());
            assertTrue(e.getMessage().contains("where no scope encloses them"), e.getMessage());
            assertEquals(List.of(), Calls.all(), "the unit of work failed, so its scope discarded");
        }
    }

    @Test
    void theScopeKeepsWhatItHadWhenTheEnqueueIsRefused() {
        Scope scope = airlock.scope().maxIntents(3).open();
        for (long i = 0; i < 3; i++) {
            airlock.enqueue(Warehouse::reserve, i);
        }
        assertThrows(ScopeCapacityException.class, () -> airlock.enqueue(Warehouse::reserve, 3L));
        assertEquals(3, scope.intents().size());
        scope.exit();
        scope.flush();
        assertEquals(List.of("reserve(0)", "reserve(1)", "reserve(2)"), Calls.all());
    }

    @Test
    void aLongImportInChunksUnderTheLimitDispatchesEverything() {
        int chunk = 250;
        for (int c = 0; c < 40; c++) {
            long first = (long) c * chunk;
            airlock.scope().maxIntents(chunk).run(() -> {
                for (long i = first; i < first + chunk; i++) {
                    airlock.enqueue(Warehouse::reserve, i);
                }
            });
        }
        List<String> calls = Calls.all();
        assertEquals(40 * chunk, calls.size());
        assertEquals("reserve(0)", calls.get(0));
        assertEquals("reserve(9999)", calls.get(calls.size() - 1));
    }

    @Test
    void theApplicationLimitAppliesToEveryScopeAndAScopeCanSetItsOwn() {
        airlock.configure(c -> c.withMaxIntents(2));
        assertEquals(2, new Scope().maxIntents());
        assertThrows(ScopeCapacityException.class, () -> airlock.run(() -> {
            for (long i = 0; i < 3; i++) {
                airlock.enqueue(Warehouse::reserve, i);
            }
        }));
        airlock.scope().maxIntents(3).run(() -> {
            for (long i = 0; i < 3; i++) {
                airlock.enqueue(Warehouse::reserve, i);
            }
        });
        assertEquals(3, Calls.all().size());
        airlock.resetConfiguration();
        assertEquals(Integer.MAX_VALUE, new Scope().maxIntents(), "no limit by default");
    }

    @Test
    void capturedIntentsCountAndTheNestedFlushThatWouldPassTheLimitFails() {
        ScopeCapacityException e = assertThrows(ScopeCapacityException.class, () -> airlock.scope().maxIntents(4).run(() -> {
            airlock.enqueue(Warehouse::reserve, 0L);
            airlock.enqueue(Warehouse::reserve, 1L);
            airlock.run(() -> { // a nested scope of its own (no limit): its flush is captured by the outer one
                for (long i = 2; i < 5; i++) {
                    airlock.enqueue(Warehouse::reserve, i);
                }
            });
        }));
        assertEquals(5, e.wanted());
        assertTrue(e.getMessage().contains("capture the 3 intent(s)"), e.getMessage());
        // chunks inside an enclosing scope are captured by it: the message says so rather than "use chunks"
        assertTrue(e.getMessage().contains("chunks run inside it") && e.getMessage().contains("where no scope encloses them"), e.getMessage());
        assertEquals(List.of(), Calls.all());
        airlock.scope().maxIntents(4).run(() -> {
            airlock.enqueue(Warehouse::reserve, 0L);
            airlock.run(() -> {
                airlock.enqueue(Warehouse::reserve, 1L);
                airlock.enqueue(Warehouse::reserve, 2L);
                airlock.enqueue(Warehouse::reserve, 3L);
            });
        });
        assertEquals(4, Calls.all().size(), "exactly at the limit is allowed");
    }

    @Test
    void aLimitBelowOneIsRefusedWherever() {
        for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertThrows(IllegalArgumentException.class, () -> new Scope().maxIntents(bad));
            assertThrows(IllegalArgumentException.class, () -> airlock.scope().maxIntents(bad));
            assertThrows(IllegalArgumentException.class, () -> AirlockConfig.defaults().withMaxIntents(bad));
        }
    }
}
