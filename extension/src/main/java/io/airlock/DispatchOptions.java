package io.airlock;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Immutable options that tell an executor how to dispatch an intent. The well-known keys have typed
 * accessors and are validated when the options are built; any other key is kept as given, for custom
 * executors to read.
 *
 * <pre>{@code
 * airlock.options(DispatchOptions.builder().delay(Duration.ofMinutes(5)).priority(9).build())
 *        .enqueue(Mailer::sendReminder, orderId);
 * }</pre>
 *
 * <table>
 *   <caption>Well-known keys</caption>
 *   <tr><th>key</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@value #DELAY}</td><td>{@link Duration}, not negative</td><td>run no earlier than this long after dispatch</td></tr>
 *   <tr><td>{@value #DELIVER_AT}</td><td>{@link Instant}</td><td>run no earlier than this instant</td></tr>
 *   <tr><td>{@value #DESTINATION}</td><td>non-blank {@link String}</td><td>the queue or executor resource to use</td></tr>
 *   <tr><td>{@value #PRIORITY}</td><td>{@code int} 0 to 9</td><td>higher runs first where the executor supports it</td></tr>
 *   <tr><td>{@value #TIME_TO_LIVE}</td><td>positive {@link Duration}</td><td>expire if not run within this time</td></tr>
 *   <tr><td>{@value #MAX_RETRIES}</td><td>{@code int}, not negative</td><td>redeliveries allowed before giving up</td></tr>
 * </table>
 */
public final class DispatchOptions {

    public static final String DELAY = "delay";
    public static final String DELIVER_AT = "deliverAt";
    public static final String DESTINATION = "destination";
    public static final String PRIORITY = "priority";
    public static final String TIME_TO_LIVE = "timeToLive";
    public static final String MAX_RETRIES = "maxRetries";

    private static final DispatchOptions NONE = new DispatchOptions(Map.of());

    private final Map<String, Object> values;

    private DispatchOptions(Map<String, Object> values) {
        this.values = values;
    }

    /** No options: the executor's defaults apply. */
    public static DispatchOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options from a map, validated as the builder validates them. Values of well-known keys may also be
     * given in their plain forms: a delay or time to live as milliseconds ({@link Number}) or an ISO-8601
     * duration string, {@code deliverAt} as an ISO-8601 instant string or epoch milliseconds.
     *
     * @throws UsageException naming the key and the value when a well-known key has an invalid value
     */
    public static DispatchOptions of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        Builder builder = builder();
        values.forEach(builder::set);
        return builder.build();
    }

    public Optional<Duration> delay() {
        return Optional.ofNullable((Duration) values.get(DELAY));
    }

    public Optional<Instant> deliverAt() {
        return Optional.ofNullable((Instant) values.get(DELIVER_AT));
    }

    public Optional<String> destination() {
        return Optional.ofNullable((String) values.get(DESTINATION));
    }

    public OptionalInt priority() {
        Integer p = (Integer) values.get(PRIORITY);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    public Optional<Duration> timeToLive() {
        return Optional.ofNullable((Duration) values.get(TIME_TO_LIVE));
    }

    public OptionalInt maxRetries() {
        Integer r = (Integer) values.get(MAX_RETRIES);
        return r == null ? OptionalInt.empty() : OptionalInt.of(r);
    }

    /** Any option, well-known or custom. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of a custom option, cast to the given type. */
    public <V> Optional<V> get(String key, Class<V> type) {
        Object value = values.get(key);
        if (value != null && !type.isInstance(value)) {
            throw new UsageException("Dispatch option '" + key + "' is a " + value.getClass().getName() + ", not a " + type.getName() + ".");
        }
        return Optional.ofNullable(type.cast(value));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** All options in the order they were set; unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** A builder holding these options, to derive new options from them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        return builder;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DispatchOptions other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "DispatchOptions" + values;
    }

    /** Builds {@link DispatchOptions}; each setter validates its value. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder delay(Duration delay) {
            return set(DELAY, delay);
        }

        public Builder deliverAt(Instant deliverAt) {
            return set(DELIVER_AT, deliverAt);
        }

        public Builder destination(String destination) {
            return set(DESTINATION, destination);
        }

        public Builder priority(int priority) {
            return set(PRIORITY, priority);
        }

        public Builder timeToLive(Duration timeToLive) {
            return set(TIME_TO_LIVE, timeToLive);
        }

        public Builder maxRetries(int maxRetries) {
            return set(MAX_RETRIES, maxRetries);
        }

        /**
         * Sets any option. Well-known keys are validated and normalised to their typed form.
         *
         * @throws UsageException naming the key and the value when the value is invalid
         */
        public Builder set(String key, Object value) {
            if (key == null || key.isBlank()) {
                throw new UsageException("A dispatch option needs a non-blank key; got " + (key == null ? "null" : "'" + key + "'") + ".");
            }
            if (value == null) {
                throw new UsageException("Dispatch option '" + key + "' is null; leave the option out instead.");
            }
            values.put(key, normalise(key, value));
            return this;
        }

        public DispatchOptions build() {
            return values.isEmpty() ? NONE : new DispatchOptions(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }

        private static Object normalise(String key, Object value) {
            switch (key) {
                case DELAY -> {
                    Duration d = duration(key, value);
                    if (d.isNegative()) {
                        throw invalid(key, value, "a duration of zero or more");
                    }
                    return d;
                }
                case TIME_TO_LIVE -> {
                    Duration d = duration(key, value);
                    if (d.isNegative() || d.isZero()) {
                        throw invalid(key, value, "a positive duration");
                    }
                    return d;
                }
                case DELIVER_AT -> {
                    if (value instanceof Instant i) {
                        return i;
                    }
                    if (value instanceof Long || value instanceof Integer) {
                        return Instant.ofEpochMilli(((Number) value).longValue());
                    }
                    if (value instanceof CharSequence s) {
                        try {
                            return Instant.parse(s);
                        } catch (RuntimeException e) {
                            throw invalid(key, value, "an ISO-8601 instant such as 2026-01-31T12:00:00Z");
                        }
                    }
                    throw invalid(key, value, "an Instant");
                }
                case DESTINATION -> {
                    if (value instanceof CharSequence s && !s.toString().isBlank()) {
                        return s.toString();
                    }
                    throw invalid(key, value, "a non-blank name");
                }
                case PRIORITY -> {
                    int p = integer(key, value, "an integer from 0 to 9");
                    if (p < 0 || p > 9) {
                        throw invalid(key, value, "an integer from 0 to 9");
                    }
                    return p;
                }
                case MAX_RETRIES -> {
                    int r = integer(key, value, "an integer of zero or more");
                    if (r < 0) {
                        throw invalid(key, value, "an integer of zero or more");
                    }
                    return r;
                }
                default -> {
                    return value;
                }
            }
        }

        private static Duration duration(String key, Object value) {
            if (value instanceof Duration d) {
                return d;
            }
            if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                return Duration.ofMillis(((Number) value).longValue());
            }
            if (value instanceof CharSequence s) {
                try {
                    return Duration.parse(s);
                } catch (RuntimeException e) {
                    throw invalid(key, value, "an ISO-8601 duration such as PT30S");
                }
            }
            throw invalid(key, value, "a Duration");
        }

        private static int integer(String key, Object value, String expected) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                long l = ((Number) value).longValue();
                if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                    return (int) l;
                }
            }
            throw invalid(key, value, expected);
        }

        private static UsageException invalid(String key, Object value, String expected) {
            return new UsageException("Invalid dispatch option '" + key + "': " + describe(value) + "; expected " + expected + ".");
        }

        private static String describe(Object value) {
            return value instanceof CharSequence ? "\"" + value + "\"" : value + " (" + value.getClass().getSimpleName() + ")";
        }
    }
}
