package io.airlock.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cdi.fixtures.AirlockWeld;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two routes by which the extension registers the readiness check: a managed bean from an added annotated
 * type (every server but WildFly), and a synthetic bean whose bean class is {@link HealthCheck}, so that it
 * belongs to the MicroProfile Health API's bean archive (WildFly, found by its health subsystem only there).
 */
class ReadinessRegistrationTest {

    @AfterEach
    void unforce() {
        ReadinessRegistration.forceSynthetic = false;
    }

    @Test
    void outsideJbossModulesTheCheckIsAManagedBeanOfItsOwnClass() {
        assertFalse(ReadinessRegistration.synthetic());
        try (WeldContainer container = AirlockWeld.weld().initialize()) {
            Bean<?> bean = theOnlyReadinessBean(container);
            assertEquals(AirlockReadinessCheck.class, bean.getBeanClass());
            assertEquals(ApplicationScoped.class, bean.getScope());
            assertTrue(bean.getQualifiers().contains(Readiness.Literal.INSTANCE));
            assertUp(container);
        }
    }

    @Test
    void asASyntheticBeanItsBeanClassIsHealthCheckAndItAnswersTheSame() {
        ReadinessRegistration.forceSynthetic = true;
        try (WeldContainer container = AirlockWeld.weld().initialize()) {
            Bean<?> bean = theOnlyReadinessBean(container);
            assertEquals(HealthCheck.class, bean.getBeanClass(), "the bean belongs to the MicroProfile Health API's archive");
            assertEquals(Dependent.class, bean.getScope());
            assertEquals(Set.of(HealthCheck.class, Object.class), bean.getTypes());
            assertTrue(bean.getQualifiers().contains(Readiness.Literal.INSTANCE));
            assertTrue(container.getBeanManager().getBeans(AirlockReadinessCheck.class).isEmpty(),
                    "no managed bean of the check's class besides the synthetic one");
            assertUp(container);
        }
    }

    /** Takes the readiness checks at AfterDeploymentValidation and keeps them, as WildFly's health subsystem does. */
    public static class KeepingHealthRegistry implements Extension {
        static final List<HealthCheck> KEPT = new CopyOnWriteArrayList<>();

        void register(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 100) AfterDeploymentValidation event, BeanManager beanManager) {
            beanManager.createInstance().select(HealthCheck.class, Readiness.Literal.INSTANCE).forEach(KEPT::add);
        }
    }

    /**
     * A deployment whose airlock configuration is rejected fails; a check the server registered before that and
     * never removes must not hold the server's readiness DOWN (nor throw), through either route.
     */
    @ParameterizedTest(name = "synthetic: {0}")
    @ValueSource(booleans = {false, true})
    void theCheckOfADeploymentThatFailedIsNotDown(boolean synthetic) {
        ReadinessRegistration.forceSynthetic = synthetic;
        KeepingHealthRegistry.KEPT.clear();
        System.setProperty("airlock.jms.mode", "sideways");
        try {
            assertThrows(DeploymentException.class, () -> AirlockWeld.weld().addExtension(new KeepingHealthRegistry()).initialize().close());
        } finally {
            System.clearProperty("airlock.jms.mode");
        }
        assertEquals(1, KeepingHealthRegistry.KEPT.size(), "the server took the check before the deployment failed");
        HealthCheckResponse response = KeepingHealthRegistry.KEPT.get(0).call();
        assertEquals(AirlockReadinessCheck.NAME, response.getName());
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertTrue(String.valueOf(response.getData().orElseThrow().get("deployment")).contains("not started"), response.getData().toString());
    }

    @Test
    void onlyAJbossModulesClassLoaderCountsAsJbossModules() {
        assertFalse(ReadinessRegistration.onJbossModules(getClass().getClassLoader()));
        assertFalse(ReadinessRegistration.onJbossModules(null));
    }

    private static Bean<?> theOnlyReadinessBean(WeldContainer container) {
        List<Bean<?>> beans = List.copyOf(container.getBeanManager().getBeans(HealthCheck.class, Readiness.Literal.INSTANCE));
        assertEquals(1, beans.size(), "one readiness check: " + beans);
        return beans.get(0);
    }

    private static void assertUp(WeldContainer container) {
        List<HealthCheck> checks = StreamSupport.stream(container.select(HealthCheck.class, Readiness.Literal.INSTANCE).spliterator(), false)
                .toList();
        assertEquals(1, checks.size());
        HealthCheckResponse response = checks.get(0).call();
        assertEquals(AirlockReadinessCheck.NAME, response.getName());
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
    }
}
