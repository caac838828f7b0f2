package io.airlock.internal.cdi;

import io.airlock.TaskMethod;
import io.airlock.internal.jms.IntentCodec;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.internal.jms.TaskRule;
import io.airlock.spi.TargetResolver;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides which bean runs a task that arrived from elsewhere (a JMS message), and whether it may.
 *
 * <p>The rule: <b>a message runs only a method that is a declared task of the class of the bean that runs it</b>.
 * When a message arrives, the bean CDI resolves for its target type (the same resolution as for in-process
 * intents) must be a managed bean (a class bean or session bean, not a producer or a synthetic bean) whose bean
 * class airlock registered at deployment, and the method the JVM selects for the named declaration on that
 * bean class must be a declared task ({@link TaskRule}). The intent is then run on an instance of exactly that
 * bean. The names table of the {@link TaskRegistry} only keeps class names from being loaded; this check is the
 * one that decides, so no name the table maps can run anything else.
 */
public final class TaskTargets {

    private static final Logger LOG = Logger.getLogger("io.airlock");

    private final TaskRegistry registry;
    /** The managed beans whose classes run tasks, as the container reported them. */
    private final Set<Bean<?>> taskBeans = ConcurrentHashMap.newKeySet();
    /** Annotations already reported as declaring nothing. */
    private final Set<Method> reported = ConcurrentHashMap.newKeySet();
    private final Map<TaskMethod, Optional<String>> sendable = new ConcurrentHashMap<>();
    /**
     * What the rule says of a task method on a task bean's class, read once: only names of the registry get here,
     * so there are at most as many as the application has task methods and bean classes.
     */
    private final Map<Call, Optional<String>> verdicts = new ConcurrentHashMap<>();
    private final Function<TaskMethod, String> senderCheck = this::whyNotSendable;
    private volatile CdiTargetResolver resolver;

    private record Call(Class<?> beanClass, TaskMethod task) {
    }

    TaskTargets(TaskRegistry registry) {
        this.registry = registry;
    }

    /** A managed bean the container discovered (class or session bean): registers its tasks if its class declares any. */
    void managedBean(Bean<?> bean) {
        Class<?> beanClass = bean.getBeanClass();
        if (!TaskRule.mentionsTasks(beanClass)) {
            return;
        }
        reportIneffective(beanClass);
        List<Class<?>> types = new ArrayList<>();
        for (Type type : bean.getTypes()) {
            Class<?> raw = type instanceof Class<?> c ? c : type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
            if (raw != null && raw != Object.class) {
                types.add(raw);
            }
        }
        if (registry.registerBean(beanClass, types)) {
            taskBeans.add(bean);
        }
    }

    void install(BeanManager beanManager) {
        resolver = new CdiTargetResolver(beanManager);
        TaskRegistry.deployed(senderCheck);
    }

    void uninstall() {
        TaskRegistry.undeployed(senderCheck);
    }

    /**
     * The target a received task runs on: the bean CDI resolves for the task's target type, checked.
     *
     * @throws IntentCodec.Rejected why the task must not run there
     */
    public TargetResolver checked(TaskMethod task) throws IntentCodec.Rejected {
        CdiTargetResolver cdi = resolver;
        if (cdi == null) {
            throw new IntentCodec.Rejected("the application is not deployed yet");
        }
        String described = task.targetType().getName() + "::" + task.methodName();
        CdiTargetResolver.Resolved resolved;
        try {
            resolved = cdi.bean(task.targetType());
        } catch (RuntimeException e) {
            throw new IntentCodec.Rejected("task " + described + " has no single bean to run on: " + e.getMessage());
        }
        Bean<?> bean = resolved.bean();
        Class<?> beanClass = bean.getBeanClass();
        String why = taskBeans.contains(bean) && registry.isTaskClass(beanClass)
                ? verdicts.computeIfAbsent(new Call(beanClass, task), c -> Optional.ofNullable(TaskRule.whyNot(c.beanClass(), c.task()))).orElse(null)
                : "it is not a managed bean whose class declares tasks (only the class or session bean whose class declares the method that "
                        + "would run as a task runs it from a message; a producer or synthetic bean never does)";
        if (why != null) {
            throw new IntentCodec.Rejected("task " + described + " resolves to " + bean + ", where it is not a declared task: " + why);
        }
        return new TargetResolver() {
            @Override
            public <T> Target<T> resolve(Class<T> type) {
                return CdiTargetResolver.target(resolved, type);
            }
        };
    }

    /** The sender's check: what {@link #checked} would say when the message arrives here; null when it would run. */
    private String whyNotSendable(TaskMethod task) {
        return sendable.computeIfAbsent(task, t -> {
            List<String> names = t.parameterTypes().stream().map(Class::getName).toList();
            if (registry.find(t.targetType().getName(), t.declaringClass().getName(), t.methodName(), names).isEmpty()) {
                String why = TaskRule.whyNot(t.targetType(), t);
                return Optional.of("no bean of this application declares " + t + " as a task with target type " + t.targetType().getName()
                        + (why != null && !t.targetType().isInterface() ? " (" + why + ")" : ""));
            }
            try {
                checked(t);
                return Optional.empty();
            } catch (IntentCodec.Rejected rejected) {
                return Optional.of(rejected.getMessage());
            }
        }).orElse(null);
    }

    private void reportIneffective(Class<?> beanClass) {
        for (Class<?> type : TaskRule.hierarchy(beanClass)) {
            for (Method m : type.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(io.airlock.AirlockTask.class)) {
                    continue;
                }
                String why = TaskRule.ineffective(m);
                if (why != null && reported.add(m)) {
                    LOG.log(Level.WARNING, "@AirlockTask on {0} declares no task: {1}. A message never runs it.",
                            new Object[] {m.toGenericString(), why});
                }
            }
        }
    }
}
