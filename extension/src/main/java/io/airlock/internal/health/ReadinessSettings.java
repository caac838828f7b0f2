package io.airlock.internal.health;

import io.airlock.internal.cdi.Settings;
import io.airlock.jms.JmsIntentExecutor;
import java.time.Duration;

/**
 * What the readiness check compares and probes, read once at deployment with the rest of the configuration: a
 * server may call the check on a thread where the application's MicroProfile Config is not found (Payara's health
 * endpoint), and the check must then judge by the application's thresholds, not by none.
 *
 * @param maxPending {@code airlock.health.max-pending}, or -1 when not configured (not checked)
 * @param maxPendingAge {@code airlock.health.max-pending-age}, or null when not configured (not checked)
 * @param jmsConnectionFactory the JNDI name of the {@code jms} executor's connection factory when
 *        {@code airlock.executor=jms}, else null (not probed)
 */
public record ReadinessSettings(long maxPending, Duration maxPendingAge, String jmsConnectionFactory) {

    /** Nothing checked: a deployment whose configuration was not read (it failed). */
    public static final ReadinessSettings NONE = new ReadinessSettings(-1, null, null);

    /** The application's settings, validated before by {@code Settings.validate()}. */
    public static ReadinessSettings read() {
        boolean jms = Settings.get(Settings.EXECUTOR).map(e -> e.trim().equalsIgnoreCase("jms")).orElse(false);
        return new ReadinessSettings(Settings.healthMaxPending(), Settings.healthMaxPendingAge(),
                jms ? Settings.get(Settings.JMS_CONNECTION_FACTORY).orElse(JmsIntentExecutor.DEFAULT_CONNECTION_FACTORY).trim() : null);
    }
}
