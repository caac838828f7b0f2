package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The values options take: durations and instants within what every executor can add to the current time in
 * milliseconds, refused when the options are built otherwise; custom numbers kept in the form a message carries back,
 * finite, and read as any number type that holds them exactly.
 */
class DispatchOptionsValuesTest {

    private static UsageException refused(String key, Object value) {
        UsageException e = assertThrows(UsageException.class, () -> DispatchOptions.builder().set(key, value).build(), () -> key + "=" + value);
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        return e;
    }

    @Test
    void durationsLongerThanAHundredYearsAreRefused() {
        for (Object tooLong : List.of(DispatchOptions.LONGEST.plusNanos(1), Duration.ofMillis(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE),
                Duration.ofDays(365L * 300_000_000), Long.MAX_VALUE, "PT2562047788015215H")) {
            assertTrue(refused(DispatchOptions.DELAY, tooLong).getMessage().contains("at most 36500 days"));
            assertTrue(refused(DispatchOptions.TIME_TO_LIVE, tooLong).getMessage().contains("at most 36500 days"));
        }
        assertEquals(DispatchOptions.LONGEST, DispatchOptions.builder().delay(DispatchOptions.LONGEST).build().delay().orElseThrow());
        assertEquals(DispatchOptions.LONGEST, DispatchOptions.builder().timeToLive(DispatchOptions.LONGEST).build().timeToLive().orElseThrow());
    }

    @Test
    void instantsBefore1970OrAfterTheYear9999AreRefused() {
        for (Object outside : List.of(Instant.MAX, Instant.MIN, DispatchOptions.LATEST.plusMillis(1), Instant.EPOCH.minusMillis(1), Long.MAX_VALUE,
                -1L, "+10000-01-01T00:00:00Z")) {
            refused(DispatchOptions.DELIVER_AT, outside);
        }
        for (Instant inside : List.of(Instant.EPOCH, DispatchOptions.LATEST, Instant.parse("2026-12-06T00:00:00Z"))) {
            assertEquals(inside, DispatchOptions.builder().deliverAt(inside).build().deliverAt().orElseThrow());
        }
    }

    @Test
    void customNumbersAreKeptAsLongOrBigDecimal() {
        Object[][] cases = {
            {42, 42L}, {(short) -7, -7L}, {(byte) 1, 1L}, {Long.MAX_VALUE, Long.MAX_VALUE}, {BigInteger.ONE, 1L},
            {BigInteger.TWO.pow(70), new BigDecimal(BigInteger.TWO.pow(70))}, {0.1f, new BigDecimal("0.1")}, {0.1d, new BigDecimal("0.1")},
            {2.0d, new BigDecimal("2.0")}, {new BigDecimal("7"), 7L}, {new BigDecimal("12.50"), new BigDecimal("12.50")},
            {new BigDecimal("1E+3"), new BigDecimal("1E+3")}, {true, true}, {"x", "x"}};
        for (Object[] c : cases) {
            Object kept = DispatchOptions.builder().set("custom", c[0]).build().get("custom").orElseThrow();
            assertEquals(c[1], kept, () -> c[0] + " (" + c[0].getClass().getSimpleName() + ")");
            assertEquals(c[1].getClass(), kept.getClass());
        }
    }

    @Test
    void nanAndTheInfinitiesAreRefused() {
        for (Object notFinite : List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY)) {
            assertTrue(refused("ratio", notFinite).getMessage().contains("finite"));
        }
    }

    @Test
    void aCustomNumberIsReadAsAnyTypeThatHoldsItExactly() {
        DispatchOptions options = DispatchOptions.builder().set("tenant", 42).set("ratio", 0.5f).set("big", Long.MAX_VALUE).build();
        assertEquals(42, options.get("tenant", Integer.class).orElseThrow());
        assertEquals((short) 42, options.get("tenant", Short.class).orElseThrow());
        assertEquals((byte) 42, options.get("tenant", Byte.class).orElseThrow());
        assertEquals(42L, options.get("tenant", Long.class).orElseThrow());
        assertEquals(BigInteger.valueOf(42), options.get("tenant", BigInteger.class).orElseThrow());
        assertEquals(42.0, options.get("tenant", Double.class).orElseThrow());
        assertEquals(0.5f, options.get("ratio", Float.class).orElseThrow());
        assertEquals(0.5d, options.get("ratio", Double.class).orElseThrow());
        assertEquals(new BigDecimal("0.5"), options.get("ratio", BigDecimal.class).orElseThrow());
        assertThrows(UsageException.class, () -> options.get("ratio", Integer.class));
        assertThrows(UsageException.class, () -> options.get("big", Integer.class));
        assertThrows(UsageException.class, () -> options.get("tenant", String.class));
        assertEquals(Long.MAX_VALUE, options.get("big", Long.class).orElseThrow());
    }
}
