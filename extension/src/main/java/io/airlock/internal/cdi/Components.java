package io.airlock.internal.cdi;

import io.airlock.IntentExecutor;
import io.airlock.Policy;
import io.airlock.Scope;
import io.airlock.ScopeFactory;
import io.airlock.policy.AllowAll;
import io.airlock.policy.AssertNoEffects;
import io.airlock.policy.DropAll;
import io.airlock.policy.LogOnFlush;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns what configuration and {@code @Airlocked} members name (a built-in name, a CDI bean name, a class)
 * into policies and executors, at deployment. Every failure is a {@link DeploymentException} that says
 * where the name came from and what is allowed.
 */
public final class Components {

    private static final Map<String, Supplier<Policy>> POLICIES = new LinkedHashMap<>();
    private static final Map<String, Function<BeanManager, IntentExecutor>> EXECUTORS = new LinkedHashMap<>();

    static {
        POLICIES.put("allow-all", AllowAll::new);
        POLICIES.put("drop-all", DropAll::new);
        POLICIES.put("assert-no-effects", AssertNoEffects::new);
        POLICIES.put("log-on-flush", LogOnFlush::new);
        EXECUTORS.put("sync", beanManager -> IntentExecutor.sync());
        EXECUTORS.put("managed", beanManager -> managed());
        EXECUTORS.put("jms", Components::jms);
    }

    private Components() {
    }

    /** The ManagedExecutorService executor with the {@code airlock.managed.*} settings. */
    private static IntentExecutor managed() {
        io.airlock.concurrent.ManagedIntentExecutor.Builder builder = io.airlock.concurrent.ManagedIntentExecutor.builder();
        Settings.get(Settings.MANAGED_EXECUTOR_SERVICE).ifPresent(builder::executorServiceName);
        Settings.get(Settings.MANAGED_SCHEDULED_EXECUTOR_SERVICE).ifPresent(builder::scheduledExecutorServiceName);
        Settings.get(Settings.MANAGED_CONTEXT_SERVICE).ifPresent(name -> builder.contextServiceName(name.equalsIgnoreCase("none") ? null : name));
        return builder.build();
    }

    /**
     * The JMS executor with the {@code airlock.jms.*} settings; its JNDI resources are looked up on first use, the
     * transaction manager too (it sends an after-commit batch in a JTA transaction of its own).
     */
    private static IntentExecutor jms(BeanManager beanManager) {
        if (!present("jakarta.jms.ConnectionFactory") || !present("jakarta.json.bind.Jsonb")) {
            throw new DeploymentException("The 'jms' executor needs Jakarta Messaging and Jakarta JSON Binding, which this runtime does not "
                    + "provide. Deploy to a Jakarta EE server (full platform; on Open Liberty enable the messagingClient-3.0 and jsonb-3.0 "
                    + "features), or add a JMS client and a JSON-B implementation.");
        }
        io.airlock.jms.JmsIntentExecutor.Builder builder = io.airlock.jms.JmsIntentExecutor.builder();
        Settings.get(Settings.JMS_CONNECTION_FACTORY).ifPresent(builder::connectionFactoryName);
        Settings.get(Settings.JMS_QUEUE).ifPresent(builder::queueName); // the builder's rule: JmsIntentExecutor.isJndiName
        Settings.get(Settings.JMS_MODE).ifPresent(mode -> builder.mode(io.airlock.jms.JmsIntentExecutor.Mode.of(mode))); // validated
        // the receiver's limit: a longer body is refused here, not sent to be rejected there
        builder.maxMessageSize(Settings.jmsMaxMessageSize(io.airlock.jms.AirlockTaskReceiver.DEFAULT_MAX_MESSAGE_SIZE));
        if (present("jakarta.transaction.TransactionManager")) {
            builder.transactionManager(() -> AirlockExtension.JtaLookup.manager(beanManager));
        }
        return builder.build();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Components.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The policy a name stands for: a built-in name, a CDI bean name, or a class name (a CDI bean of that
     * class, or else a new instance through its no-argument constructor).
     *
     * @param where what named it, for the message: a configuration key or an annotated method
     */
    public static Policy policy(BeanManager beanManager, String spec, String where) {
        Supplier<Policy> builtIn = POLICIES.get(builtInName(spec));
        if (builtIn != null) {
            return builtIn.get();
        }
        return named(beanManager, spec, Policy.class, where, "built-in policies " + POLICIES.keySet());
    }

    /** A built-in name is read in any letter case, as every named value of the configuration is; bean and class names are not. */
    private static String builtInName(String spec) {
        return spec.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** The executor a name stands for, as {@link #policy} does for policies. */
    public static IntentExecutor executor(BeanManager beanManager, String spec, String where) {
        Function<BeanManager, IntentExecutor> builtIn = EXECUTORS.get(builtInName(spec));
        if (builtIn != null) {
            return builtIn.apply(beanManager);
        }
        return named(beanManager, spec, IntentExecutor.class, where, "built-in executors " + EXECUTORS.keySet());
    }

    /**
     * The scope factory a name stands for: the fully qualified name of a {@link Scope} subclass with a public
     * {@code (Policy, IntentExecutor)} constructor (each scope is a new instance of it), or a {@link ScopeFactory}
     * as {@link #policy} finds policies (a CDI bean name, or a class: its bean, else a new instance).
     */
    public static ScopeFactory scopeFactory(BeanManager beanManager, String spec, String where) {
        boolean bean = !beanManager.getBeans(spec).isEmpty() || !elsewhere(beanManager, b -> spec.equals(b.getName())).isEmpty();
        Class<?> type = bean ? null : load(spec);
        if (!bean && type == null) {
            throw new DeploymentException(where + ": unknown scope factory '" + spec + "'. Name a " + Scope.class.getName() + " subclass with a "
                    + "public (Policy, IntentExecutor) constructor, a " + ScopeFactory.class.getName() + " class, or a ScopeFactory CDI bean (@Named).");
        }
        if (type == null || !Scope.class.isAssignableFrom(type)) {
            if (type != null && !ScopeFactory.class.isAssignableFrom(type)) {
                throw new DeploymentException(where + ": " + spec + " is neither a " + Scope.class.getName() + " subclass nor a "
                        + ScopeFactory.class.getName() + ".");
            }
            return named(beanManager, spec, ScopeFactory.class, where, "scope factories (none built in)");
        }
        Constructor<? extends Scope> constructor;
        try {
            constructor = type.asSubclass(Scope.class).getConstructor(Policy.class, IntentExecutor.class);
        } catch (NoSuchMethodException e) {
            throw new DeploymentException(where + ": " + spec + " has no public (Policy, IntentExecutor) constructor; add one (it receives the "
                    + "policy and executor of each scope, from the caller or the application's defaults), or name a ScopeFactory.", e);
        }
        return new ScopeConstructor(constructor);
    }

    /** Creates each scope through a {@link Scope} subclass's {@code (Policy, IntentExecutor)} constructor. */
    private record ScopeConstructor(Constructor<? extends Scope> constructor) implements ScopeFactory {
        @Override
        public Scope create(Policy policy, IntentExecutor executor) {
            try {
                return constructor.newInstance(policy, executor);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("Creating a " + constructor.getDeclaringClass().getName() + " failed", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot create a " + constructor.getDeclaringClass().getName() + ": " + e, e);
            }
        }

        @Override
        public String toString() {
            return constructor.getDeclaringClass().getName() + "::new";
        }
    }

    private static Class<?> load(String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return Class.forName(className, false, loader != null ? loader : Components.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** An instance of {@code type}: its CDI bean when it is one, else a new instance through its no-argument constructor. */
    public static <T> T instance(BeanManager beanManager, Class<? extends T> type, Class<T> role, String where) {
        Set<Bean<?>> beans = beanManager.getBeans(type);
        if (beans.isEmpty()) {
            beans = elsewhere(beanManager, type, jakarta.enterprise.inject.Default.class);
        }
        if (!beans.isEmpty()) {
            return reference(beanManager, beans, role, where);
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new DeploymentException(where + ": " + type.getName() + " is abstract and not a CDI bean; name a concrete "
                    + role.getSimpleName() + " class with a no-argument constructor, or make it a bean.");
        }
        try {
            Constructor<? extends T> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new DeploymentException(where + ": " + type.getName() + " has no no-argument constructor and is not a CDI bean; "
                    + "add a no-argument constructor or make it a bean.", e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DeploymentException(where + ": cannot create " + type.getName() + ": " + cause, cause);
        }
    }

    private static <T> T named(BeanManager beanManager, String spec, Class<T> role, String where, String builtIns) {
        Set<Bean<?>> byName = beanManager.getBeans(spec);
        if (byName.isEmpty()) {
            byName = elsewhere(beanManager, bean -> spec.equals(bean.getName()));
        }
        if (!byName.isEmpty()) {
            return reference(beanManager, byName, role, where);
        }
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(spec, false, loader != null ? loader : Components.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DeploymentException(where + ": unknown " + role.getSimpleName() + " '" + spec + "'. Allowed: one of the "
                    + builtIns + ", the name of a CDI bean (@Named), or the fully qualified name of a " + role.getName() + " class.");
        }
        if (!role.isAssignableFrom(type)) {
            throw new DeploymentException(where + ": " + spec + " is not a " + role.getName() + ".");
        }
        return instance(beanManager, type.asSubclass(role), role, where);
    }

    /**
     * Policy and executor beans that {@code beanManager} does not see: declared in another bean archive of the
     * deployment, collected by airlock's extension from the container's events (see
     * {@link AirlockExtension#componentBeans()}).
     */
    static Set<Bean<?>> elsewhere(BeanManager beanManager, Class<?> type, Class<? extends Annotation> qualifier) {
        return elsewhere(beanManager, bean -> bean.getTypes().contains(type)
                && bean.getQualifiers().stream().anyMatch(q -> q.annotationType() == qualifier));
    }

    /** As {@link #elsewhere(BeanManager, Class, Class)}, for the beans {@code matching} selects. */
    static Set<Bean<?>> elsewhere(BeanManager beanManager, java.util.function.Predicate<Bean<?>> matching) {
        AirlockExtension extension;
        try {
            extension = beanManager.getExtension(AirlockExtension.class);
        } catch (IllegalArgumentException notDeployed) {
            return Set.of();
        }
        return extension.componentBeans().stream().filter(matching).collect(java.util.stream.Collectors.toSet());
    }

    /** Whether one of the bean's types is {@code role} or a subtype of it (a parameterized type by its raw class). */
    static boolean hasTypeOf(Bean<?> bean, Class<?> role) {
        for (Type type : bean.getTypes()) {
            Class<?> raw = type instanceof Class<?> c ? c : type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> r ? r : null;
            if (raw != null && role.isAssignableFrom(raw)) {
                return true;
            }
        }
        return false;
    }

    private static <T> T reference(BeanManager beanManager, Set<Bean<?>> beans, Class<T> role, String where) {
        Bean<?> bean;
        try {
            bean = beanManager.resolve(beans);
        } catch (RuntimeException ambiguous) {
            throw new DeploymentException(where + ": several CDI beans match " + beans + "; leave exactly one.", ambiguous);
        }
        if (bean == null || !hasTypeOf(bean, role)) {
            throw new DeploymentException(where + ": the CDI bean " + bean + " is not a " + role.getName() + ".");
        }
        // a reference, not the instance: this runs at deployment, where creating the bean would be too early
        return role.cast(beanManager.getReference(bean, role, beanManager.createCreationalContext(bean)));
    }
}
