package io.airlock.internal.cdi;

import java.util.Collections;
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

    private Settings() {
    }

    static Set<String> known() {
        return KNOWN;
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
