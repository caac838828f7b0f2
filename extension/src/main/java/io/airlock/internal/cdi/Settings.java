package io.airlock.internal.cdi;

import io.airlock.internal.store.RetrySchedule;
import io.airlock.internal.store.StoreSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads airlock's configuration, every key under the prefix {@code airlock.}: through MicroProfile Config
 * when the application has it, otherwise from system properties.
 */
public final class Settings {

    public static final String PREFIX = "airlock.";
    public static final String POLICY = "airlock.policy";
    public static final String EXECUTOR = "airlock.executor";
    public static final String NO_SCOPE = "airlock.no-scope";
    public static final String SCOPE_FACTORY = "airlock.scope-factory";
    public static final String SCOPE_MAX_INTENTS = "airlock.scope.max-intents";
    public static final String REQUEST_SCOPE_ENABLED = "airlock.request-scope.enabled";
    public static final String MANAGED_EXECUTOR_SERVICE = "airlock.managed.executor-service";
    public static final String MANAGED_SCHEDULED_EXECUTOR_SERVICE = "airlock.managed.scheduled-executor-service";
    public static final String MANAGED_CONTEXT_SERVICE = "airlock.managed.context-service";
    public static final String JMS_CONNECTION_FACTORY = "airlock.jms.connection-factory";
    public static final String JMS_QUEUE = "airlock.jms.queue";
    public static final String JMS_MODE = "airlock.jms.mode";
    public static final String JMS_DEAD_LETTER_QUEUE = "airlock.jms.dead-letter-queue";
    public static final String JMS_MAX_MESSAGE_SIZE = "airlock.jms.max-message-size";
    public static final String STORE = "airlock.store";
    public static final String STORE_DATASOURCE = "airlock.store.datasource";
    public static final String STORE_TABLE = "airlock.store.table";
    public static final String STORE_CREATE_TABLE = "airlock.store.create-table";
    public static final String STORE_MAX_RETRIES = "airlock.store.max-retries";
    public static final String STORE_BACKOFF_INITIAL = "airlock.store.backoff.initial";
    public static final String STORE_BACKOFF_MAX = "airlock.store.backoff.max";
    public static final String STORE_LEASE = "airlock.store.lease";
    public static final String STORE_POLL_INTERVAL = "airlock.store.poll-interval";
    public static final String STORE_BATCH_SIZE = "airlock.store.batch-size";
    public static final String STORE_KEEP_COMPLETED = "airlock.store.keep-completed";
    public static final String STORE_COMPLETION_DELAY = "airlock.store.completion-delay";
    public static final String HEALTH_MAX_PENDING = "airlock.health.max-pending";
    public static final String HEALTH_MAX_PENDING_AGE = "airlock.health.max-pending-age";

    private static final Logger LOG = Logger.getLogger("io.airlock");
    /** Every key airlock reads; deployment rejects any other {@code airlock.} key. Sorted, for the message. */
    private static final Set<String> KNOWN = Collections.unmodifiableSet(new TreeSet<>(Set.of(
            POLICY, EXECUTOR, NO_SCOPE, SCOPE_FACTORY, SCOPE_MAX_INTENTS, REQUEST_SCOPE_ENABLED,
            MANAGED_EXECUTOR_SERVICE, MANAGED_SCHEDULED_EXECUTOR_SERVICE, MANAGED_CONTEXT_SERVICE,
            JMS_CONNECTION_FACTORY, JMS_QUEUE, JMS_MODE, JMS_DEAD_LETTER_QUEUE, JMS_MAX_MESSAGE_SIZE,
            STORE, STORE_DATASOURCE, STORE_TABLE, STORE_CREATE_TABLE, STORE_MAX_RETRIES, STORE_BACKOFF_INITIAL, STORE_BACKOFF_MAX,
            STORE_LEASE, STORE_POLL_INTERVAL, STORE_BATCH_SIZE, STORE_KEEP_COMPLETED, STORE_COMPLETION_DELAY,
            HEALTH_MAX_PENDING, HEALTH_MAX_PENDING_AGE)));

    /** The largest {@link #JMS_MAX_MESSAGE_SIZE}: a Java string holds at most this many characters. */
    public static final int MAX_MESSAGE_SIZE_LIMIT = Integer.MAX_VALUE - 8;

    private Settings() {
    }

    static Set<String> known() {
        return KNOWN;
    }

    /**
     * Checks every configured {@code airlock.} key and value, at deployment, whatever else is set: unknown keys,
     * and values outside what each key allows (the policy and executor names are resolved, and so checked,
     * when the configuration is built). Every problem is named in one message.
     *
     * @throws jakarta.enterprise.inject.spi.DeploymentException naming each key, its value and what it allows
     */
    static void validate() {
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new TreeSet<>(configuredKeys());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            problems.add("unknown key(s) " + unknown + "; airlock's keys are " + KNOWN);
        }
        for (String key : KNOWN) {
            get(key).map(value -> problem(key, value)).ifPresent(problems::add);
        }
        // either key alone is checked against the other's default: a longer initial wait would be cut to the default
        // max, a shorter max would cut the default initial wait
        StoreSettings storeDefaults = StoreSettings.defaults("", "");
        RetrySchedule defaults = storeDefaults.retry();
        Optional<Duration> setInitial = get(STORE_BACKOFF_INITIAL).map(Settings::duration);
        Optional<Duration> setMax = get(STORE_BACKOFF_MAX).map(Settings::duration);
        Duration initial = setInitial.orElse(defaults.initial());
        Duration max = setMax.orElse(defaults.max());
        if ((setInitial.isPresent() || setMax.isPresent()) && initial != null && max != null && initial.compareTo(max) > 0) {
            problems.add(STORE_BACKOFF_INITIAL + " (" + initial + (setInitial.isPresent() ? "" : ", its default") + ") is longer than "
                    + STORE_BACKOFF_MAX + " (" + max + (setMax.isPresent() ? "" : ", its default") + "): set both, the initial wait no longer "
                    + "than the longest");
        }
        // likewise the completion delay and the lease, each alone against the other's default
        Optional<Duration> setDelay = get(STORE_COMPLETION_DELAY).map(Settings::duration);
        Optional<Duration> setLease = get(STORE_LEASE).map(Settings::duration);
        Duration completionDelay = setDelay.orElse(storeDefaults.completionDelay());
        Duration lease = setLease.orElse(storeDefaults.lease());
        if ((setDelay.isPresent() || setLease.isPresent()) && completionDelay != null && lease != null && completionDelay.compareTo(lease) >= 0) {
            String delayPart = setDelay.isPresent() ? STORE_COMPLETION_DELAY + " is '" + get(STORE_COMPLETION_DELAY).orElseThrow() + "',"
                    : STORE_COMPLETION_DELAY + " (" + completionDelay + ", its default) is";
            String leasePart = setLease.isPresent() && setDelay.isEmpty()
                    ? STORE_LEASE + ", which is '" + get(STORE_LEASE).orElseThrow() + "' (" + lease + ")"
                    : STORE_LEASE + " (" + lease + (setLease.isPresent() ? "" : ", its default") + ")";
            problems.add(delayPart + " not shorter than " + leasePart + ": a dispatched intent would lose its lease before its completion "
                    + "is written, and run again; set both, the completion delay shorter than the lease");
        }
        if (!problems.isEmpty()) {
            throw new jakarta.enterprise.inject.spi.DeploymentException("Invalid airlock configuration: " + String.join("; ", problems) + ".");
        }
    }

    /** What is wrong with {@code value} for {@code key}, or null when it is allowed. */
    private static String problem(String key, String value) {
        return switch (key) {
            case NO_SCOPE -> oneOf(key, value, "fail", "join-transaction");
            case REQUEST_SCOPE_ENABLED -> oneOf(key, value, "true", "false");
            case JMS_MODE -> oneOf(key, value, "after-commit", "in-transaction");
            case JMS_MAX_MESSAGE_SIZE -> parseSize(value) < 0 ? key + " is '" + value
                    + "', not a whole number of characters from 1 to " + MAX_MESSAGE_SIZE_LIMIT : null;
            case STORE -> oneOf(key, value, "none", "jdbc");
            case STORE_CREATE_TABLE -> oneOf(key, value, "true", "false");
            case STORE_TABLE -> value.matches("[A-Za-z][A-Za-z0-9_]{0,49}") ? null : key + " is '" + value
                    + "', not a plain SQL table name (a letter, then letters, digits or underscores; at most 50)";
            case SCOPE_MAX_INTENTS -> wholeNumber(value, 1, Integer.MAX_VALUE) < 0
                    ? key + " is '" + value + "', not a whole number from 1 to " + Integer.MAX_VALUE : null;
            case STORE_MAX_RETRIES -> wholeNumber(value, 0, 1000) < 0 ? key + " is '" + value + "', not a whole number from 0 to 1000" : null;
            case STORE_BATCH_SIZE -> wholeNumber(value, 1, 10000) < 0 ? key + " is '" + value + "', not a whole number from 1 to 10000" : null;
            case STORE_BACKOFF_INITIAL, STORE_BACKOFF_MAX, STORE_LEASE, STORE_POLL_INTERVAL -> positive(duration(value))
                    ? null : key + " is '" + value + "', not a positive duration of at least 1ms and at most 999999999d (such as 500ms, 30s, 5m, 1h, or PT5M)";
            case STORE_KEEP_COMPLETED -> duration(value) != null ? null
                    : key + " is '" + value + "', not a duration of at most 999999999d (0 to delete completed intents at once, or at least 1ms, such as 7d, 12h, PT1H)";
            case STORE_COMPLETION_DELAY -> duration(value) != null ? null
                    : key + " is '" + value + "', not a duration of at most 999999999d (0 to write each completion at once, or at least 1ms, such as 200ms, 1s)";
            case HEALTH_MAX_PENDING -> wholeNumber(value, 0, Integer.MAX_VALUE) < 0
                    ? key + " is '" + value + "', not a whole number from 0 to " + Integer.MAX_VALUE : null;
            case HEALTH_MAX_PENDING_AGE -> positive(duration(value)) ? null
                    : key + " is '" + value + "', not a positive duration of at least 1ms and at most 999999999d (such as 30s, 5m, 1h, or PT5M)";
            default -> null; // names (JNDI names, policy, executor and scope factory names) are checked where they are resolved
        };
    }

    private static String oneOf(String key, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return null;
            }
        }
        return key + " is '" + value + "'; allowed: " + String.join(", ", allowed);
    }

    /** The number of characters, or -1 when {@code value} is not one from 1 to {@link #MAX_MESSAGE_SIZE_LIMIT}. */
    private static int parseSize(String value) {
        try {
            long size = Long.parseLong(value);
            return size >= 1 && size <= MAX_MESSAGE_SIZE_LIMIT ? (int) size : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int wholeNumber(String value, int min, int max) {
        try {
            long n = Long.parseLong(value);
            return n >= min && n <= max ? (int) n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /**
     * The longest duration a key takes, {@code 999999999d} (the largest number the NUMBER+unit form writes, in days): the
     * store adds durations to the current time in milliseconds, and an ISO-8601 duration beyond it would overflow there.
     */
    public static final Duration LONGEST_DURATION = Duration.ofDays(999_999_999);

    /** The shortest duration other than zero a key takes: the store and the scheduler count in milliseconds. */
    public static final Duration SHORTEST_DURATION = Duration.ofMillis(1);

    /**
     * A duration written as ISO-8601 ({@code PT5M}) or as a number with a unit: ms, s, m, h, d; {@code 0} alone is zero.
     * Null if neither, if negative, if shorter than {@link #SHORTEST_DURATION} but not zero, or if longer than
     * {@link #LONGEST_DURATION}.
     */
    public static Duration duration(String value) {
        String v = value.trim();
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                Duration d = Duration.parse(v);
                boolean belowAMillisecond = !d.isZero() && d.compareTo(SHORTEST_DURATION) < 0; // read in milliseconds, it would be 0
                return d.isNegative() || belowAMillisecond || d.compareTo(LONGEST_DURATION) > 0 ? null : d;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h|d)").matcher(v);
            if (!m.matches()) {
                return null;
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The readiness check's largest backlog of pending durable intents, or -1 when none is configured (not checked). */
    public static long healthMaxPending() {
        return get(HEALTH_MAX_PENDING).map(v -> (long) wholeNumber(v, 0, Integer.MAX_VALUE)).orElse(-1L);
    }

    /** The readiness check's largest age of the oldest pending durable intent, or null when none is configured (not checked). */
    public static Duration healthMaxPendingAge() {
        return get(HEALTH_MAX_PENDING_AGE).map(Settings::duration).orElse(null);
    }

    /** Whether durable intents are on ({@value #STORE}{@code =jdbc}). */
    public static boolean storeEnabled() {
        return get(STORE).map(v -> v.equalsIgnoreCase("jdbc")).orElse(false);
    }

    /** Whether the HTTP request scope is on ({@value #REQUEST_SCOPE_ENABLED}, validated at deployment; default true). */
    public static boolean requestScopeEnabled() {
        return get(REQUEST_SCOPE_ENABLED).map(v -> {
            require(REQUEST_SCOPE_ENABLED, v);
            return Boolean.parseBoolean(v);
        }).orElse(true);
    }

    /** {@value #JMS_MAX_MESSAGE_SIZE}, or {@code defaultSize}; never a value deployment would have refused. */
    public static int jmsMaxMessageSize(int defaultSize) {
        return get(JMS_MAX_MESSAGE_SIZE).map(v -> {
            require(JMS_MAX_MESSAGE_SIZE, v);
            return parseSize(v);
        }).orElse(defaultSize);
    }

    /** For values read after deployment: one that changed to something invalid fails rather than being guessed at. */
    private static void require(String key, String value) {
        String problem = problem(key, value);
        if (problem != null) {
            throw new IllegalStateException("Invalid airlock configuration: " + problem + ".");
        }
    }

    /** The value of {@code key}, trimmed, or empty when it is not set or blank. */
    public static Optional<String> get(String key) {
        String value = MicroProfile.AVAILABLE ? MicroProfile.get(key) : System.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Every configured key that starts with {@code airlock.}. */
    static Set<String> configuredKeys() {
        Set<String> keys = new TreeSet<>();
        Iterable<String> names = MicroProfile.AVAILABLE ? MicroProfile.names() : System.getProperties().stringPropertyNames();
        for (String name : names) {
            if (name.startsWith(PREFIX)) {
                keys.add(name);
            }
        }
        return keys;
    }

    /** Keeps every reference to MicroProfile Config in one class, loaded only when the API is present. */
    private static final class MicroProfile {
        static final boolean AVAILABLE = available();

        private static boolean available() {
            try {
                Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, Settings.class.getClassLoader());
                org.eclipse.microprofile.config.ConfigProvider.getConfig();
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            } catch (RuntimeException noImplementation) {
                LOG.log(Level.FINE, "MicroProfile Config API without an implementation; airlock reads system properties", noImplementation);
                return false;
            }
        }

        static String get(String key) {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse(null);
        }

        static Iterable<String> names() {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig().getPropertyNames();
        }
    }
}
