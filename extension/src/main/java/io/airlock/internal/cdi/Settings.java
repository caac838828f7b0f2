package io.airlock.internal.cdi;

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
    public static final String REQUEST_SCOPE_ENABLED = "airlock.request-scope.enabled";
    public static final String MANAGED_EXECUTOR_SERVICE = "airlock.managed.executor-service";
    public static final String MANAGED_SCHEDULED_EXECUTOR_SERVICE = "airlock.managed.scheduled-executor-service";
    public static final String MANAGED_CONTEXT_SERVICE = "airlock.managed.context-service";
    public static final String JMS_CONNECTION_FACTORY = "airlock.jms.connection-factory";
    public static final String JMS_QUEUE = "airlock.jms.queue";
    public static final String JMS_MODE = "airlock.jms.mode";
    public static final String JMS_DEAD_LETTER_QUEUE = "airlock.jms.dead-letter-queue";
    public static final String JMS_MAX_MESSAGE_SIZE = "airlock.jms.max-message-size";

    private static final Logger LOG = Logger.getLogger("io.airlock");
    /** Every key airlock reads; deployment rejects any other {@code airlock.} key. Sorted, for the message. */
    private static final Set<String> KNOWN = Collections.unmodifiableSet(new TreeSet<>(Set.of(
            POLICY, EXECUTOR, NO_SCOPE, REQUEST_SCOPE_ENABLED,
            MANAGED_EXECUTOR_SERVICE, MANAGED_SCHEDULED_EXECUTOR_SERVICE, MANAGED_CONTEXT_SERVICE,
            JMS_CONNECTION_FACTORY, JMS_QUEUE, JMS_MODE, JMS_DEAD_LETTER_QUEUE, JMS_MAX_MESSAGE_SIZE)));

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
            default -> null; // names (JNDI names, policy and executor names) are checked where they are resolved
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
