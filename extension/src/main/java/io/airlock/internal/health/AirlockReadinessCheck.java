package io.airlock.internal.health;

import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.internal.store.Durability;
import io.airlock.store.IntentState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * airlock's MicroProfile Health readiness check, named {@value #NAME}: DOWN when the durable store's backlog
 * (pending intents) or its oldest pending intent's age passes {@code airlock.health.max-pending} /
 * {@code airlock.health.max-pending-age}, when the store cannot be read, or when the {@code jms} executor is
 * configured and its connection factory cannot open a connection. Registered by the CDI extension only where
 * the server has MicroProfile Health, as a managed bean or a synthetic one (see {@link ReadinessRegistration}).
 */
@Readiness
@ApplicationScoped
public class AirlockReadinessCheck implements HealthCheck {

    public static final String NAME = "airlock";

    @Inject
    BeanManager beanManager;

    /** Set when the extension creates the check itself (the synthetic bean); else found through the bean manager. */
    private final AirlockExtension extension;

    /** For the managed bean. */
    public AirlockReadinessCheck() {
        this.extension = null;
    }

    AirlockReadinessCheck(AirlockExtension extension) {
        this.extension = extension;
    }

    @Override
    public HealthCheckResponse call() {
        // built directly, not through HealthCheckResponse.named(): that needs the server's response provider
        Map<String, Object> data = new LinkedHashMap<>();
        if (!extension().configured()) {
            // A server that registered the check at AfterDeploymentValidation keeps it when the deployment fails there
            // (WildFly: no BeforeShutdown follows to remove it), and would report this check for good, also after a
            // corrected redeployment. The failed deployment is the server's to report (WildFly's deployments-status probe).
            data.put("deployment", "not started: its airlock configuration was rejected (see the deployment's error), or it is still starting");
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
        }
        ReadinessSettings settings = extension().readinessSettings();
        boolean up = store(data, settings) & jms(data, settings);
        return new HealthCheckResponse(NAME, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                data.isEmpty() ? Optional.empty() : Optional.of(data));
    }

    private AirlockExtension extension() {
        return extension != null ? extension : beanManager.getExtension(AirlockExtension.class);
    }

    private boolean store(Map<String, Object> response, ReadinessSettings settings) {
        Durability durability = extension().durability();
        if (durability == null) {
            return true;
        }
        long pending;
        Optional<Instant> oldest;
        try {
            pending = durability.count(IntentState.PENDING);
            oldest = durability.oldestPending();
            response.put("failed", durability.count(IntentState.FAILED));
        } catch (RuntimeException unreadable) {
            response.put("store", "cannot be read: " + unreadable);
            return false;
        }
        boolean up = true;
        response.put("pending", pending);
        long maxPending = settings.maxPending();
        if (maxPending >= 0) {
            response.put("max-pending", maxPending);
            up = pending <= maxPending;
        }
        long ageMillis = oldest.map(at -> Math.max(0, Duration.between(at, Instant.now()).toMillis())).orElse(0L);
        response.put("oldest-pending-age-ms", ageMillis);
        Duration maxAge = settings.maxPendingAge();
        if (maxAge != null) {
            response.put("max-pending-age-ms", maxAge.toMillis());
            up &= ageMillis <= maxAge.toMillis();
        }
        return up;
    }

    private static boolean jms(Map<String, Object> response, ReadinessSettings settings) {
        if (settings.jmsConnectionFactory() == null) {
            return true;
        }
        String problem = JmsProbe.problem(settings.jmsConnectionFactory());
        response.put("jms", problem == null ? "reachable" : problem);
        return problem == null;
    }
}
