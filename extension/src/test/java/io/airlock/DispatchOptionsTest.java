package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatchOptionsTest {

    @Test
    void typedAccessorsForTheWellKnownKeys() {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        DispatchOptions options = DispatchOptions.builder().delay(Duration.ofSeconds(60)).deliverAt(at).destination("emails").priority(9)
                .timeToLive(Duration.ofHours(1)).maxRetries(3).set("tenant", "acme").build();
        assertEquals(Duration.ofSeconds(60), options.delay().orElseThrow());
        assertEquals(at, options.deliverAt().orElseThrow());
        assertEquals("emails", options.destination().orElseThrow());
        assertEquals(9, options.priority().getAsInt());
        assertEquals(Duration.ofHours(1), options.timeToLive().orElseThrow());
        assertEquals(3, options.maxRetries().getAsInt());
        assertEquals("acme", options.get("tenant", String.class).orElseThrow());
        assertEquals(List.of("delay", "deliverAt", "destination", "priority", "timeToLive", "maxRetries", "tenant"),
                List.copyOf(options.asMap().keySet()));
    }

    @Test
    void optionsAreImmutable() {
        DispatchOptions.Builder builder = DispatchOptions.builder().priority(1);
        DispatchOptions options = builder.build();
        builder.priority(2);
        assertEquals(1, options.priority().getAsInt());
        assertThrows(UnsupportedOperationException.class, () -> options.asMap().put("x", 1));
        assertEquals(2, options.toBuilder().priority(2).build().priority().getAsInt());
        assertEquals(1, options.priority().getAsInt());
    }

    @Test
    void noneIsEmptyAndShared() {
        assertTrue(DispatchOptions.none().isEmpty());
        assertSame(DispatchOptions.none(), DispatchOptions.builder().build());
        assertTrue(DispatchOptions.none().delay().isEmpty());
        assertTrue(DispatchOptions.none().priority().isEmpty());
    }

    private static void assertRejected(String key, Object value, String expectedInMessage) {
        UsageException e = assertThrows(UsageException.class, () -> DispatchOptions.builder().set(key, value));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void invalidValuesAreRejectedNamingKeyAndValue() {
        assertRejected("priority", 12, "12");
        assertRejected("priority", -1, "0 to 9");
        assertRejected("priority", "high", "\"high\"");
        assertRejected("delay", Duration.ofSeconds(-5), "PT-5S");
        assertRejected("delay", "soon", "ISO-8601");
        assertRejected("timeToLive", Duration.ZERO, "positive");
        assertRejected("maxRetries", -2, "-2");
        assertRejected("destination", " ", "non-blank");
        assertRejected("deliverAt", "tomorrow", "ISO-8601");
        assertRejected("deliverAt", 3.5, "Instant");
        assertThrows(UsageException.class, () -> DispatchOptions.builder().set("custom", null));
        assertThrows(UsageException.class, () -> DispatchOptions.builder().set(" ", 1));
    }

    @Test
    void invalidOptionsNeverReachAScope() {
        Airlock airlock = Airlock.get();
        UsageException e = assertThrows(UsageException.class,
                () -> airlock.run(() -> airlock.options(DispatchOptions.builder().priority(12).build()).enqueue("x", () -> { })));
        assertTrue(e.getMessage().contains("priority"), e.getMessage());
    }

    @Test
    void plainFormsFromAMap() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("delay", 1500);
        raw.put("timeToLive", "PT2M");
        raw.put("deliverAt", "2030-01-01T00:00:00Z");
        raw.put("priority", 4L);
        raw.put("tenant", "acme");
        DispatchOptions options = DispatchOptions.of(raw);
        assertEquals(Duration.ofMillis(1500), options.delay().orElseThrow());
        assertEquals(Duration.ofMinutes(2), options.timeToLive().orElseThrow());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), options.deliverAt().orElseThrow());
        assertEquals(4, options.priority().getAsInt());
        assertEquals("acme", options.get("tenant").orElseThrow());
        assertEquals(options, DispatchOptions.of(raw));
        assertThrows(UsageException.class, () -> options.get("tenant", Integer.class));
    }
}
