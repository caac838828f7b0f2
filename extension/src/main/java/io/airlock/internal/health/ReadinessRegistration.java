package io.airlock.internal.health;

import io.airlock.internal.cdi.AirlockExtension;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * How the extension makes {@link AirlockReadinessCheck} a {@code @Readiness HealthCheck} bean that the server's
 * MicroProfile Health finds. Loaded only where the server has MicroProfile Health.
 *
 * <p>Everywhere but on JBoss Modules, a managed bean from an added annotated type
 * ({@code BeforeBeanDiscovery.addAnnotatedType}): the servers look the checks up from the application's bean
 * manager (Open Liberty) or collect them from {@code ProcessBean} (Payara), and both see it.
 *
 * <p>On JBoss Modules (WildFly), a synthetic bean whose bean class is {@link HealthCheck}. WildFly puts a type
 * that an extension adds from a jar that is not a bean archive into an extra bean archive of the deployment's
 * module ({@code WeldDeployment.loadBeanDeploymentArchive}, {@code …additionalClasses}); its MicroProfile Health
 * extension looks the checks up with {@code Instance.select(HealthCheck.class, Readiness)} from the bean manager
 * of its own module's bean archive, which sees the deployment's top-level bean archives and the archives of the
 * modules it depends on, but not that extra archive (Weld resolves through direct accessibility only). A bean
 * whose bean class is {@code HealthCheck} lives in the bean archive of the MicroProfile Health API module, which
 * both the health subsystem and the deployment depend on, so both see it.
 */
public final class ReadinessRegistration {

    /** Tests force the synthetic bean outside JBoss Modules. */
    static volatile boolean forceSynthetic;

    private ReadinessRegistration() {
    }

    /** Whether the check is a synthetic bean here (see the class comment) rather than an added annotated type. */
    public static boolean synthetic() {
        return forceSynthetic || onJbossModules(ReadinessRegistration.class.getClassLoader());
    }

    static boolean onJbossModules(ClassLoader loader) {
        for (Class<?> type = loader == null ? null : loader.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("org.jboss.modules.ModuleClassLoader")) {
                return true;
            }
        }
        return false;
    }

    /** At {@code BeforeBeanDiscovery}: the managed bean, unless the check is to be a synthetic bean. */
    public static void addType(BeforeBeanDiscovery event, BeanManager beanManager) {
        if (!synthetic()) {
            event.addAnnotatedType(beanManager.createAnnotatedType(AirlockReadinessCheck.class), AirlockReadinessCheck.class.getName());
        }
    }

    /** At {@code AfterBeanDiscovery}: the synthetic bean, if the check is to be one. */
    public static void addBean(AfterBeanDiscovery event, AirlockExtension extension) {
        if (synthetic()) {
            event.addBean()
                    .beanClass(HealthCheck.class)
                    .types(HealthCheck.class, Object.class)
                    .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                    .scope(Dependent.class)
                    .id(AirlockReadinessCheck.class.getName())
                    .createWith(context -> new AirlockReadinessCheck(extension));
        }
    }
}
