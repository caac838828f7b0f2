package io.airlock.internal.cdi;

import io.airlock.Airlock;
import io.airlock.AirlockConfig;
import io.airlock.AirlockDefault;
import io.airlock.AirlockTask;
import io.airlock.DispatchFailure;
import io.airlock.IntentExecutor;
import io.airlock.NoScopeBehavior;
import io.airlock.Policy;
import io.airlock.ScopeFactory;
import io.airlock.internal.jms.TaskRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Decorator;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * airlock's CDI portable extension: registers the {@code Airlock} and {@code AirlockRequest} beans, and at
 * deployment reads and validates the configuration and installs it: CDI target resolution, JTA-bound
 * dispatch, {@link DispatchFailure} events, the default policy and executor, the no-scope behaviour.
 * Invalid configuration fails the deployment with a message naming the key and the allowed values.
 */
public class AirlockExtension implements Extension {

    private static final Logger LOG = Logger.getLogger("io.airlock");
    static final String TSR_JNDI = "java:comp/TransactionSynchronizationRegistry";
    /** Where WildFly, Payara/GlassFish and others publish their transaction manager. */
    static final String[] TM_JNDI = {"java:comp/TransactionManager", "java:jboss/TransactionManager", "java:/TransactionManager",
        "java:appserver/TransactionManager"};

    private final TaskRegistry tasks = new TaskRegistry();
    private final TaskTargets taskTargets = new TaskTargets(tasks);

    /**
     * The policy, executor and scope factory beans of every bean archive of the deployment (and the {@link AirlockDefault}
     * ones among them). Some servers (Payara) give each extension the bean manager of its own jar, which
     * does not see the beans of {@code WEB-INF/classes}; the container's events reach the extension for all
     * of them, so a policy named in configuration or on {@code @Airlocked} is still found as a bean.
     */
    private final List<Bean<?>> componentBeans = new CopyOnWriteArrayList<>();
    private volatile io.airlock.internal.store.Durability durability;
    /** Whether {@code install} read and applied the configuration without a problem. */
    private volatile boolean configured;
    private volatile io.airlock.internal.health.ReadinessSettings readinessSettings = io.airlock.internal.health.ReadinessSettings.NONE;

    void registerTypes(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        requestScopeNotice().ifPresent(LOG::info);
        event.addAnnotatedType(beanManager.createAnnotatedType(AirlockBean.class), AirlockBean.class.getName());
        event.addAnnotatedType(beanManager.createAnnotatedType(RequestScopeHolder.class), RequestScopeHolder.class.getName());
        event.addAnnotatedType(beanManager.createAnnotatedType(ConfiguredExecutors.class), ConfiguredExecutors.class.getName());
        if (jmsPresent()) {
            event.addAnnotatedType(beanManager.createAnnotatedType(io.airlock.jms.AirlockTaskReceiver.class),
                    io.airlock.jms.AirlockTaskReceiver.class.getName());
        }
        if (storePresent()) {
            event.addAnnotatedType(beanManager.createAnnotatedType(io.airlock.internal.store.DurableRuntime.class),
                    io.airlock.internal.store.DurableRuntime.class.getName());
        }
        if (healthPresent()) {
            io.airlock.internal.health.ReadinessRegistration.addType(event, beanManager);
        }
    }

    /** The readiness check as a synthetic bean where the server needs one (WildFly: see ReadinessRegistration). */
    void registerBeans(@Observes AfterBeanDiscovery event) {
        if (healthPresent()) {
            io.airlock.internal.health.ReadinessRegistration.addBean(event, this);
        }
    }

    private static boolean healthPresent() {
        return present("org.eclipse.microprofile.health.HealthCheck");
    }

    /**
     * Collects the tasks ({@link AirlockTask}) of every managed bean, the only beans a message may run a task on
     * (see {@link TaskTargets}): from the bean, once the container knows its class and its bean types.
     */
    void collectTasks(@Observes ProcessManagedBean<?> event) {
        Bean<?> bean = event.getBean();
        if (bean instanceof Interceptor<?> || bean instanceof Decorator<?>) {
            return;
        }
        taskTargets.managedBean(bean);
    }

    void collectComponents(@Observes ProcessBean<?> event) {
        Bean<?> bean = event.getBean();
        if (bean instanceof Interceptor<?> || bean instanceof Decorator<?>) {
            return;
        }
        if (Components.hasTypeOf(bean, Policy.class) || Components.hasTypeOf(bean, IntentExecutor.class)
                || Components.hasTypeOf(bean, ScopeFactory.class)) {
            componentBeans.add(bean);
        }
    }

    /** The policy and executor beans of the whole deployment, whichever bean archive declares them. */
    public List<Bean<?>> componentBeans() {
        return Collections.unmodifiableList(componentBeans);
    }

    /** The names of the tasks this application declared with {@link AirlockTask}. */
    public TaskRegistry tasks() {
        return tasks;
    }

    /** Which bean runs a task that arrived from elsewhere, and whether it may. */
    public TaskTargets taskTargets() {
        return taskTargets;
    }

    /** Whether the deployment's configuration was accepted and installed; false while it starts, and for good once it failed. */
    public boolean configured() {
        return configured;
    }

    /** What the readiness check compares and probes, read at deployment. */
    public io.airlock.internal.health.ReadinessSettings readinessSettings() {
        return readinessSettings;
    }

    /** The durable store of this deployment, when {@code airlock.store=jdbc}; null otherwise. */
    public io.airlock.internal.store.Durability durability() {
        return durability;
    }

    void install(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        try {
            try {
                Settings.validate();
            } catch (DeploymentException invalid) {
                // the names of the policy, executor and scope factory too, so that one deployment reports every problem
                List<String> problems = new ArrayList<>(List.of(invalid.getMessage()));
                NamedComponents.resolve(beanManager, problems, true);
                throw new DeploymentException(String.join(" ", problems));
            }
            readinessSettings = io.airlock.internal.health.ReadinessSettings.read();
            if (Settings.storeEnabled()) {
                if (!storePresent()) {
                    throw new DeploymentException(Settings.STORE + "=jdbc needs Jakarta JSON Processing and Binding (every Jakarta EE server has "
                            + "them; on Open Liberty add the jsonb-3.0 feature; outside a server add their APIs and implementations, for "
                            + "example org.eclipse.parsson:parsson and org.eclipse:yasson).");
                }
                durability = io.airlock.internal.store.StoreWiring.create(name -> Components.executor(beanManager, name, "durable intents"),
                        () -> tasks);
            }
            Airlock.install(configuration(beanManager, durability));
            taskTargets.install(beanManager);
            configured = true;
        } catch (DeploymentException e) {
            event.addDeploymentProblem(e);
        }
    }

    /**
     * The telemetry observer, after the server's own observers of the same event: Payara makes an application's
     * OpenTelemetry SDK from its {@code otel.*} configuration at {@code AfterDeploymentValidation} and shuts down
     * one made before, which a tracer taken earlier would be left with.
     */
    void installObserver(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER) AfterDeploymentValidation event,
            BeanManager beanManager) {
        if (!configured) {
            return; // the deployment fails with the problem install reported
        }
        io.airlock.internal.observe.Observation.install(observer(beanManager));
        if (readinessSettings.jmsConnectionFactory() != null && healthPresent()) {
            io.airlock.internal.health.ReadinessRegistration.prime(readinessSettings);
        }
    }

    void uninstall(@Observes BeforeShutdown event) {
        taskTargets.uninstall();
        io.airlock.internal.observe.Observation.uninstall();
        Airlock.install(AirlockConfig.defaults());
    }

    static AirlockConfig configuration(BeanManager beanManager, io.airlock.internal.store.Durability durability) {
        AirlockConfig config = AirlockConfig.defaults()
                .withTargetResolver(new CdiTargetResolver(beanManager))
                // fired where the application's observers are seen, not only this jar's (Payara isolates bean archives)
                .withFailureListener(failure -> ApplicationBeanManager.orElse(beanManager).getEvent().select(DispatchFailure.class).fire(failure))
                .withNoScope(noScope());
        Optional<String> maxIntents = Settings.get(Settings.SCOPE_MAX_INTENTS);
        if (maxIntents.isPresent()) {
            config = config.withMaxIntents(Integer.parseInt(maxIntents.get().trim()));
        }
        if (jtaPresent()) {
            config = config.withTransactionSupport(JtaLookup.support(beanManager));
        }
        List<String> problems = new ArrayList<>();
        NamedComponents named = NamedComponents.resolve(beanManager, problems, false);
        if (!problems.isEmpty()) {
            throw new DeploymentException(String.join(" ", problems));
        }
        Policy policy = named.policy() != null ? named.policy() : qualifiedDefault(beanManager, Policy.class);
        if (policy != null) {
            config = config.withPolicy(policy);
        }
        IntentExecutor executor = named.executor() != null ? named.executor() : qualifiedDefault(beanManager, IntentExecutor.class);
        if (executor != null) {
            config = config.withExecutor(executor);
        }
        ScopeFactory scopeFactory = named.scopeFactory() != null ? named.scopeFactory() : qualifiedDefault(beanManager, ScopeFactory.class);
        if (scopeFactory != null) {
            config = config.withScopeFactory(scopeFactory);
        }
        if (durability != null) {
            // the application's default executor becomes durable; the relay finds it again by its configuration name
            String name = Settings.get(Settings.EXECUTOR).orElseGet(() -> executor == null ? "sync" : defaultBeanName(beanManager));
            config = config.withExecutor(durability.executor(name, config.executor()));
        }
        return config;
    }

    /**
     * The policy, executor and scope factory the configuration names ({@code airlock.policy}, {@code airlock.executor},
     * {@code airlock.scope-factory}), each null when not named or not resolved.
     */
    private record NamedComponents(Policy policy, IntentExecutor executor, ScopeFactory scopeFactory) {

        /**
         * Resolves each name, adding the problem of each that fails to {@code problems}, so that all are reported
         * at once. With {@code settingsInvalid}, other failures are a consequence of an invalid value already named
         * (a JMS mode the jms executor cannot take) and are left out.
         */
        static NamedComponents resolve(BeanManager beanManager, List<String> problems, boolean settingsInvalid) {
            return new NamedComponents(
                    resolve(problems, settingsInvalid, Settings.POLICY, spec -> Components.policy(beanManager, spec, Settings.POLICY)),
                    resolve(problems, settingsInvalid, Settings.EXECUTOR, spec -> Components.executor(beanManager, spec, Settings.EXECUTOR)),
                    resolve(problems, settingsInvalid, Settings.SCOPE_FACTORY,
                            spec -> Components.scopeFactory(beanManager, spec, Settings.SCOPE_FACTORY)));
        }

        private static <T> T resolve(List<String> problems, boolean settingsInvalid, String key, java.util.function.Function<String, T> byName) {
            Optional<String> spec = Settings.get(key);
            if (spec.isEmpty()) {
                return null;
            }
            try {
                return byName.apply(spec.get());
            } catch (DeploymentException e) {
                problems.add(e.getMessage());
            } catch (RuntimeException e) {
                if (!settingsInvalid) {
                    throw e;
                }
            }
            return null;
        }
    }

    /** The class name of the {@code @AirlockDefault} executor bean, by which {@link Components#executor} finds it again. */
    private static String defaultBeanName(BeanManager beanManager) {
        Set<Bean<?>> beans = beanManager.getBeans(IntentExecutor.class, AirlockDefault.Literal.INSTANCE);
        if (beans.isEmpty()) {
            beans = Components.elsewhere(beanManager, IntentExecutor.class, AirlockDefault.class);
        }
        return beanManager.resolve(beans).getBeanClass().getName();
    }

    /** Validated by {@link Settings#validate()}. */
    private static NoScopeBehavior noScope() {
        return Settings.get(Settings.NO_SCOPE).orElse("fail").equalsIgnoreCase("join-transaction")
                ? NoScopeBehavior.JOIN_TRANSACTION : NoScopeBehavior.FAIL;
    }

    private static <T> T qualifiedDefault(BeanManager beanManager, Class<T> type) {
        Set<Bean<?>> beans = beanManager.getBeans(type, AirlockDefault.Literal.INSTANCE);
        if (beans.isEmpty()) {
            beans = Components.elsewhere(beanManager, type, AirlockDefault.class);
        }
        if (beans.isEmpty()) {
            return null;
        }
        Bean<?> bean;
        try {
            bean = beanManager.resolve(beans);
        } catch (RuntimeException ambiguous) {
            throw new DeploymentException("Several @AirlockDefault " + type.getSimpleName() + " beans: " + beans + "; leave exactly one.", ambiguous);
        }
        // a reference, not the instance: this runs at deployment, where creating the bean would be too early
        return type.cast(beanManager.getReference(bean, type, beanManager.createCreationalContext(bean)));
    }

    /** The service entry that airlock-web holds, naming the initializer that registers the request filter. */
    static final String SCI_SERVICE = "META-INF/services/jakarta.servlet.ServletContainerInitializer";
    static final String SCI_CLASS = "io.airlock.internal.web.AirlockServletContainerInitializer";

    /**
     * Why this application has no HTTP request scope, when it has none: the servlet API is not visible to it, or
     * airlock-web (the initializer's service entry) is not deployed; empty when the request filter registers.
     * Written at the start of deployment, before a web container would refuse airlock-web's entry.
     */
    static Optional<String> requestScopeNotice() {
        ClassLoader loader = AirlockExtension.class.getClassLoader();
        boolean servlet = present("jakarta.servlet.Filter");
        boolean web = webDeployed(loader);
        if (servlet && web) {
            return Optional.empty();
        }
        if (servlet) {
            return Optional.of("airlock: no HTTP request scope in this application: io.airlock:airlock-web (which registers the "
                    + "request filter) is not deployed with it. Scopes come from @Airlocked methods, JTA transactions and airlock.run().");
        }
        return Optional.of("airlock: no HTTP request scope in this application: the servlet API is not visible to it (on Open "
                + "Liberty it is the servlet-6.0 feature). Scopes come from @Airlocked methods, JTA transactions and airlock.run()."
                + (web ? " io.airlock:airlock-web is deployed with it: a web container that loads its ServletContainerInitializer entry "
                        + "(Open Liberty without servlet-6.0) refuses to start the application with NoClassDefFoundError: "
                        + "jakarta/servlet/ServletContainerInitializer. Exclude airlock-web from the airlock-extension dependency, or "
                        + "enable the servlet API (docs/servers.md)." : ""));
    }

    private static boolean webDeployed(ClassLoader loader) {
        try {
            for (URL url : Collections.list(loader.getResources(SCI_SERVICE))) {
                try (InputStream in = url.openStream()) {
                    if (new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(SCI_CLASS)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, AirlockExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * OpenTelemetry's spans and metrics when the server provides them (MicroProfile Telemetry: the API on the class
     * path and an {@code OpenTelemetry} bean); otherwise the no-op, and no class that names OpenTelemetry is loaded.
     */
    io.airlock.internal.observe.DispatchObserver observer(BeanManager beanManager) {
        Class<?> api = loadable("io.opentelemetry.api.OpenTelemetry");
        if (api == null || !present("io.opentelemetry.context.Context")) {
            return io.airlock.internal.observe.DispatchObserver.NONE;
        }
        try {
            // asked through the Class, so that the class that names OpenTelemetry is loaded only when there is a bean
            if (!beanManager.createInstance().select(api).isResolvable()) {
                return io.airlock.internal.observe.DispatchObserver.NONE;
            }
            io.airlock.internal.observe.DispatchObserver observer = io.airlock.internal.otel.OpenTelemetryActivation.observer(beanManager, () -> durability);
            if (observer != null) {
                LOG.fine("airlock reports spans and metrics through the application's OpenTelemetry bean");
                return observer;
            }
        } catch (RuntimeException | LinkageError broken) {
            // telemetry is optional: a server's OpenTelemetry that cannot be used (its bean fails, another API version)
            // must not fail the deployment; airlock runs as without it
            LOG.log(Level.WARNING, "airlock reports no spans or metrics: the application's OpenTelemetry bean could not be used", broken);
        }
        return io.airlock.internal.observe.DispatchObserver.NONE;
    }

    private static Class<?> loadable(String className) {
        try {
            return Class.forName(className, false, AirlockExtension.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static boolean jmsPresent() {
        try {
            Class.forName("jakarta.jms.Message", false, AirlockExtension.class.getClassLoader());
            Class.forName("jakarta.json.Json", false, AirlockExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean storePresent() {
        try {
            Class.forName("jakarta.json.spi.JsonProvider", false, AirlockExtension.class.getClassLoader());
            Class.forName("jakarta.json.bind.Jsonb", false, AirlockExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean jtaPresent() {
        try {
            Class.forName("jakarta.transaction.TransactionSynchronizationRegistry", false, AirlockExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Everything that names a JTA type, in a class of its own: loaded only when JTA is present, so that the
     * extension itself (whose methods CDI reads) never mentions JTA.
     */
    static final class JtaLookup {
        static io.airlock.spi.TransactionSupport support(BeanManager beanManager) {
            return new JtaTransactionSupport(() -> registry(beanManager), () -> manager(beanManager));
        }

        /** The registry: a CDI bean if there is one, else the platform's JNDI name. */
        static jakarta.transaction.TransactionSynchronizationRegistry registry(BeanManager beanManager) {
            Set<Bean<?>> beans = beanManager.getBeans(jakarta.transaction.TransactionSynchronizationRegistry.class);
            if (!beans.isEmpty()) {
                // called on every enqueue inside a transaction: the instance, not a client proxy
                return DirectReference.of(beanManager, beanManager.resolve(beans), jakarta.transaction.TransactionSynchronizationRegistry.class);
            }
            try {
                return (jakarta.transaction.TransactionSynchronizationRegistry) new InitialContext().lookup(TSR_JNDI);
            } catch (NamingException | RuntimeException e) {
                LOG.log(Level.INFO, "No JTA TransactionSynchronizationRegistry (neither a CDI bean nor " + TSR_JNDI
                        + "): airlock dispatches at flush, not bound to transactions.");
                return null;
            }
        }

        /**
         * The transaction manager, which the platform does not standardise: a CDI bean, else the names the
         * servers use. Only needed to run after-commit dispatch outside the completed transaction.
         */
        static jakarta.transaction.TransactionManager manager(BeanManager beanManager) {
            Set<Bean<?>> beans = beanManager.getBeans(jakarta.transaction.TransactionManager.class);
            if (!beans.isEmpty()) {
                return DirectReference.of(beanManager, beanManager.resolve(beans), jakarta.transaction.TransactionManager.class);
            }
            for (String name : TM_JNDI) {
                try {
                    return (jakarta.transaction.TransactionManager) new InitialContext().lookup(name);
                } catch (NamingException | RuntimeException notThere) {
                    // try the next server's name
                }
            }
            LOG.log(Level.FINE, "No JTA TransactionManager reachable; after-commit dispatch runs with the completed transaction still associated.");
            return null;
        }
    }
}
