package io.airlock;

import io.airlock.internal.jms.IntentCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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
 *   <tr><td>{@value #DELAY}</td><td>{@link Duration}, zero to {@link #LONGEST} (100 years)</td><td>run no earlier than this long after dispatch</td></tr>
 *   <tr><td>{@value #DELIVER_AT}</td><td>{@link Instant}, from 1970 to {@link #LATEST}</td><td>run no earlier than this instant</td></tr>
 *   <tr><td>{@value #DESTINATION}</td><td>non-blank {@link String}</td><td>the queue or executor resource to use</td></tr>
 *   <tr><td>{@value #PRIORITY}</td><td>{@code int} 0 to 9</td><td>higher runs first where the executor supports it</td></tr>
 *   <tr><td>{@value #TIME_TO_LIVE}</td><td>positive {@link Duration}, at most {@link #LONGEST}</td><td>expire if not run within this time</td></tr>
 *   <tr><td>{@value #MAX_RETRIES}</td><td>{@code int}, not negative</td><td>redeliveries allowed before giving up</td></tr>
 * </table>
 *
 * <p>An executor that cannot honour a well-known option an intent carries refuses the intent when it is enqueued
 * ({@link IntentExecutor#honours}), so an option is never silently lost.
 *
 * <p>The option names of the Python task queues the original library wrapped ({@code countdown}, {@code eta},
 * {@code queue}, {@code expires}, {@code retry}, {@code retry_policy}, {@code retries}, {@code max_retries},
 * {@code group}, {@code timeout}, {@code hook}, {@code sync}) are not custom keys: no built-in executor reads
 * them, so a migrated call would quietly lose what they asked for. Setting one throws a {@link UsageException}
 * naming the Java equivalent (or why there is none), see {@link #foreignKeyAdvice(String)}. A custom executor
 * names its keys otherwise. {@code delay} and {@code priority} are well-known keys: a {@code delay} given as a
 * number is in milliseconds (Dramatiq's unit; Huey's {@code delay} was in seconds), a priority is 0 to 9 with 9
 * first.
 */
public final class DispatchOptions {

    public static final String DELAY = "delay";
    public static final String DELIVER_AT = "deliverAt";
    public static final String DESTINATION = "destination";
    public static final String PRIORITY = "priority";
    public static final String TIME_TO_LIVE = "timeToLive";
    public static final String MAX_RETRIES = "maxRetries";

    /**
     * The longest {@value #DELAY} and {@value #TIME_TO_LIVE}, 100 years: every executor adds them to the current time
     * in milliseconds, and a longer one would overflow there or mean "never" in a way no broker keeps.
     */
    public static final Duration LONGEST = Duration.ofDays(36_500);
    /** The latest {@value #DELIVER_AT}: the end of the year 9999, the last an ISO-8601 date without a sign writes. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private static final DispatchOptions NONE = new DispatchOptions(Map.of());

    /** The well-known keys, each with the built-in executors that honour it. */
    private static final Map<String, String> HONOURED_BY = Map.of(
            DELAY, "the managed executor (a ManagedScheduledExecutorService) and the jms executor (a delivery delay)",
            DELIVER_AT, "the managed executor (a ManagedScheduledExecutorService) and the jms executor (a delivery delay)",
            DESTINATION, "the managed executor (the JNDI name of another executor service) and the jms executor (another queue)",
            PRIORITY, "the jms executor (the JMS priority)",
            TIME_TO_LIVE, "the jms executor (the message's time to live) and sync (which runs the task as it is dispatched)",
            MAX_RETRIES, "the jms executor (the receiver's redeliveries) and durable intents (airlock.store: the relay's retries)");

    /** The option names of Celery, django-q, Huey and Dramatiq, each with what to write in airlock instead. */
    private static final Map<String, String> FOREIGN_KEYS = Map.ofEntries(
            Map.entry("countdown", "Celery's countdown (seconds) is delay(Duration): DispatchOptions.builder().delay(Duration.ofSeconds(n))"),
            Map.entry("eta", "Celery's and Huey's eta (a datetime) is deliverAt(Instant)"),
            Map.entry("queue", "Celery's queue is destination(String): a JNDI name (java:...) or a physical queue name for the jms executor, "
                    + "the JNDI name of an executor service for the managed one"),
            Map.entry("expires", "Celery's expires is timeToLive(Duration) (for an expiry datetime: Duration.between(Instant.now(), at))"),
            Map.entry("retry", "Celery's retry (retry the publish when the broker is unreachable) is IntentExecutor.withRetry(attempts, Backoff) "
                    + "around the executor; django-q's retry count and redeliveries of a failed task are maxRetries(int)"),
            Map.entry("retry_policy", "Celery's retry_policy is the Backoff of IntentExecutor.withRetry(attempts, Backoff), e.g. "
                    + "jms.withRetry(3, Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2)))"),
            Map.entry("retries", "Huey's retries is maxRetries(int)"),
            Map.entry("max_retries", "Dramatiq's max_retries is maxRetries(int)"),
            Map.entry("group", "django-q's group has no equivalent: it collects the results of tasks, and an airlock task returns none; "
                    + "to label related intents use airlock.origin(...) or airlock.named(...)"),
            Map.entry("timeout", "django-q's timeout has no dispatch option: bound the task's own work (a transaction timeout on the task "
                    + "method, a timeout on the call it makes)"),
            Map.entry("hook", "django-q's hook has no equivalent: enqueue the follow-up from the task itself (its own scope dispatches it when "
                    + "the task succeeds), and observe DispatchFailure events for failures"),
            Map.entry("sync", "django-q's sync is an executor, not an option: IntentExecutor.sync() for the scope "
                    + "(airlock.scope().executor(IntentExecutor.sync()), @Airlocked(executor = \"sync\"), airlock.executor=sync), or "
                    + "IntentExecutor.route(predicate, queue, IntentExecutor.sync()) to decide per intent"));

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

    /**
     * What to write in airlock instead of a Python task queue's option, or empty when {@code key} is not one of
     * them. These keys are refused by {@link Builder#set}.
     */
    public static Optional<String> foreignKeyAdvice(String key) {
        return Optional.ofNullable(key == null ? null : FOREIGN_KEYS.get(key));
    }

    /** The Python task queues' option names that {@link Builder#set} refuses, unmodifiable. */
    public static Set<String> foreignKeys() {
        return FOREIGN_KEYS.keySet();
    }

    /** The built-in executors that honour a well-known key, or null for a custom key. */
    static String honouredBy(String key) {
        return HONOURED_BY.get(key);
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

    /**
     * The value of a custom option as the given type. A number is converted to any other {@link Number} type that holds
     * it exactly ({@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code BigInteger}, {@code BigDecimal}),
     * or to the nearest {@code Double} or {@code Float}: custom numbers are kept as {@code Long} or {@code BigDecimal}
     * (see {@link Builder#set}), the form a message or a durable row carries back.
     *
     * @throws UsageException naming the key when the value is not of that type, or a number it does not hold exactly
     */
    public <V> Optional<V> get(String key, Class<V> type) {
        Object value = values.get(key);
        if (value == null || type.isInstance(value)) {
            return Optional.ofNullable(type.cast(value));
        }
        if (value instanceof Number n) {
            Object converted = convert(n, type);
            if (converted != null) {
                return Optional.of(type.cast(converted));
            }
            throw new UsageException("Dispatch option '" + key + "' is " + value + ", which a " + type.getName() + " does not hold exactly.");
        }
        throw new UsageException("Dispatch option '" + key + "' is a " + value.getClass().getName() + ", not a " + type.getName() + ".");
    }

    /** {@code n} as {@code type}, or null when that type is not a number type or does not hold it exactly. */
    private static Object convert(Number n, Class<?> type) {
        BigDecimal d = n instanceof BigDecimal b ? b : n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(n.toString());
        try {
            if (type == Long.class) {
                return d.longValueExact();
            } else if (type == Integer.class) {
                return d.intValueExact();
            } else if (type == Short.class) {
                return d.shortValueExact();
            } else if (type == Byte.class) {
                return d.byteValueExact();
            } else if (type == BigInteger.class) {
                return d.toBigIntegerExact();
            } else if (type == BigDecimal.class || type == Number.class) {
                return d;
            } else if (type == Double.class) {
                return d.doubleValue();
            } else if (type == Float.class) {
                return d.floatValue();
            }
        } catch (ArithmeticException notExact) {
            return null;
        }
        return null;
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
         * Sets any option. Well-known keys are validated and normalised to their typed form; any other key is kept
         * for a custom executor, except the option names of the Python task queues
         * ({@link DispatchOptions#foreignKeys()}), which no executor reads. A custom number is kept in the form a JMS
         * message or a durable row carries back, so that a task sees the same value on its first attempt and on a
         * retry from the store: {@code byte}, {@code short}, {@code int}, {@code long} (and a {@code BigInteger} or
         * integral {@code BigDecimal} within a {@code long}) as {@code Long}, a {@code float} or {@code double} as the
         * {@code BigDecimal} of its decimal form ({@code 0.1f} as {@code 0.1}); NaN and the infinities are refused. Read
         * it back with {@link DispatchOptions#get(String, Class)}, which converts it exactly.
         *
         * @throws UsageException naming the key and the value when the value is invalid, or naming the key and its
         *     Java equivalent when the key is a Python task queue's option
         */
        public Builder set(String key, Object value) {
            if (key == null || key.isBlank()) {
                throw new UsageException("A dispatch option needs a non-blank key; got " + (key == null ? "null" : "'" + key + "'") + ".");
            }
            if (value == null) {
                throw new UsageException("Dispatch option '" + key + "' is null; leave the option out instead.");
            }
            String foreign = FOREIGN_KEYS.get(key);
            if (foreign != null) {
                throw new UsageException("Dispatch option '" + key + "' is a Python task queue's option, and no airlock executor reads it: "
                        + foreign + ".");
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
                    if (d.isNegative() || d.compareTo(LONGEST) > 0) {
                        throw invalid(key, value, "a duration of zero or more, at most " + LONGEST.toDays() + " days");
                    }
                    return d;
                }
                case TIME_TO_LIVE -> {
                    Duration d = duration(key, value);
                    if (d.isNegative() || d.isZero() || d.compareTo(LONGEST) > 0) {
                        throw invalid(key, value, "a positive duration, at most " + LONGEST.toDays() + " days");
                    }
                    return d;
                }
                case DELIVER_AT -> {
                    Instant at = instant(key, value);
                    if (at.isAfter(LATEST) || at.isBefore(Instant.EPOCH)) {
                        throw invalid(key, value, "an instant from 1970-01-01T00:00:00Z to " + LATEST);
                    }
                    return at;
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
                    return custom(key, value);
                }
            }
        }

        /** A custom option's value: numbers in the form a message carries back (see {@link #set}), anything else as given. */
        private static Object custom(String key, Object value) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger b) {
                return b.bitLength() < 64 ? (Object) b.longValue() : written(key, value, new BigDecimal(b));
            }
            if (value instanceof Float || value instanceof Double) {
                double d = ((Number) value).doubleValue();
                if (!Double.isFinite(d)) {
                    throw invalid(key, value, "a finite number (a JMS message or a durable row carries no NaN or infinity)");
                }
                return integral(new BigDecimal(value instanceof Float f ? Float.toString(f) : Double.toString(d)));
            }
            if (value instanceof BigDecimal b) {
                return written(key, value, integral(b));
            }
            return value;
        }

        /** A {@code BigDecimal} without a fraction that fits a long reads back from JSON as a {@code Long}. */
        private static Object integral(BigDecimal b) {
            return b.scale() == 0 && b.unscaledValue().bitLength() < 64 ? (Object) b.longValue() : b;
        }

        /** A number whose JSON form a receiver reads: at most {@link IntentCodec#MAX_NUMBER_LENGTH} characters. */
        private static Object written(String key, Object value, Object number) {
            if (number instanceof BigDecimal b && b.toString().length() > IntentCodec.MAX_NUMBER_LENGTH) {
                throw invalid(key, value, "a number whose JSON form has at most " + IntentCodec.MAX_NUMBER_LENGTH + " characters (a receiver "
                        + "rejects a longer one unread)");
            }
            return number;
        }

        private static Instant instant(String key, Object value) {
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
