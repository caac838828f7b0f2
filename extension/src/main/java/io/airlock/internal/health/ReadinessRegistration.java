package io.airlock.internal.health;

import io.airlock.internal.cdi.AirlockExtension;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.PassivationCapable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;
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
 * <p>On JBoss Modules (WildFly), a synthetic bean (a {@link Bean} added at {@code AfterBeanDiscovery}) whose bean
 * class is {@link HealthCheck}. WildFly puts a type
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

    /**
     * At deployment, where the application's naming context is current: looks the {@code jms} executor's connection
     * factory up once (no connection is opened), so that the check finds it also on a health endpoint's thread that
     * does not see that context. A failure here is left for the check to report.
     */
    public static void prime(ReadinessSettings settings) {
        JmsProbe.lookUp(settings.jmsConnectionFactory());
    }

    /** At {@code AfterBeanDiscovery}: the synthetic bean, if the check is to be one. */
    public static void addBean(AfterBeanDiscovery event, AirlockExtension extension) {
        if (synthetic()) {
            // a Bean of its own, not event.addBean()'s configurator: Weld places a configurator's bean in the
            // bean archive of the extension's class whatever its beanClass, an added Bean in that of getBeanClass()
            event.addBean(new ReadinessBean(extension));
        }
    }

    /** The check as a {@code @Dependent @Readiness HealthCheck} whose bean class is {@link HealthCheck}. */
    static final class ReadinessBean implements Bean<HealthCheck>, PassivationCapable {

        private static final Set<Type> TYPES = Set.of(HealthCheck.class, Object.class);
        private static final Set<Annotation> QUALIFIERS = Set.of(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE);

        private final AirlockExtension extension;

        ReadinessBean(AirlockExtension extension) {
            this.extension = extension;
        }

        @Override
        public Class<?> getBeanClass() {
            return HealthCheck.class;
        }

        @Override
        public Set<InjectionPoint> getInjectionPoints() {
            return Set.of();
        }

        @Override
        public HealthCheck create(CreationalContext<HealthCheck> context) {
            return new AirlockReadinessCheck(extension);
        }

        @Override
        public void destroy(HealthCheck instance, CreationalContext<HealthCheck> context) {
            context.release();
        }

        @Override
        public Set<Type> getTypes() {
            return TYPES;
        }

        @Override
        public Set<Annotation> getQualifiers() {
            return QUALIFIERS;
        }

        @Override
        public Class<? extends Annotation> getScope() {
            return Dependent.class;
        }

        @Override
        public String getName() {
            return null;
        }

        @Override
        public Set<Class<? extends Annotation>> getStereotypes() {
            return Set.of();
        }

        @Override
        public boolean isAlternative() {
            return false;
        }

        @Override
        public String getId() {
            return AirlockReadinessCheck.class.getName();
        }

        @Override
        public String toString() {
            return "airlock's readiness check (synthetic @Readiness HealthCheck)";
        }
    }
}
