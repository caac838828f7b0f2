package io.airlock.concurrent;

import io.airlock.Airlock;
import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.UsageException;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Dispatches each intent as one task on a Jakarta Concurrency {@link ManagedExecutorService}: the Jakarta EE
 * home of the original library's thread-pool and task-queue executors.
 *
 * <ul>
 *   <li>The executor service is {@code java:comp/DefaultManagedExecutorService}, another one named by
 *       configuration ({@code airlock.managed.executor-service}), or the one an intent names in its
 *       {@link DispatchOptions#destination() destination} option (a JNDI name).</li>
 *   <li>{@code delay} and {@code deliverAt} schedule the task on a {@link ManagedScheduledExecutorService}
 *       ({@code java:comp/DefaultManagedScheduledExecutorService} unless configured with
 *       {@code airlock.managed.scheduled-executor-service}).</li>
 *   <li>The task is captured with the application's context through a {@link ContextService}
 *       ({@code java:comp/DefaultContextService}) on the dispatching thread, so CDI beans resolve and
 *       {@code java:comp} look-ups work on the managed thread, also when dispatch happens after commit.</li>
 *   <li>{@code priority}, {@code timeToLive} and {@code maxRetries} cannot be honoured (an executor service has no
 *       priorities, no expiry and no redelivery): an intent with one of them is refused at enqueue
 *       ({@link IntentExecutor#honours}).</li>
 *   <li>The task runs in its own airlock scope, with the application's default policy and executor: intents it
 *       enqueues escape when it succeeds, as that policy lets them.</li>
 *   <li>A rejected submission is a dispatch failure: it stops the batch and is reported like any other. A
 *       task that fails on the managed thread, after dispatch, is logged with its intent.</li>
 * </ul>
 *
 * <p>In a container, name it {@code managed}: {@code airlock.executor=managed} or
 * {@code @Airlocked(executor = "managed")}. In plain Java (tests), build it with the services themselves.
 */
public final class ManagedIntentExecutor implements IntentExecutor {

    public static final String DEFAULT_EXECUTOR_SERVICE = "java:comp/DefaultManagedExecutorService";
    public static final String DEFAULT_SCHEDULED_EXECUTOR_SERVICE = "java:comp/DefaultManagedScheduledExecutorService";
    public static final String DEFAULT_CONTEXT_SERVICE = "java:comp/DefaultContextService";

    private static final Logger LOG = Logger.getLogger("io.airlock");

    private final String executorServiceName;
    private final String scheduledExecutorServiceName;
    private final String contextServiceName;
    private final Function<String, Object> lookup;
    private final Map<String, Object> resolved = new ConcurrentHashMap<>();

    private ManagedIntentExecutor(Builder builder) {
        this.executorServiceName = builder.executorServiceName;
        this.scheduledExecutorServiceName = builder.scheduledExecutorServiceName;
        this.contextServiceName = builder.contextServiceName;
        this.lookup = builder.lookup;
        this.resolved.putAll(builder.given);
    }

    /** The platform defaults, looked up in JNDI on first use. */
    public static ManagedIntentExecutor withDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void execute(Intent intent) {
        Runnable task = contextual(() -> runInScope(intent));
        DispatchOptions options = intent.options();
        long delayMillis = delayMillis(options);
        String destination = options.destination().orElse(null);
        if (delayMillis > 0) {
            ManagedScheduledExecutorService scheduler = resource(destination != null ? destination : scheduledExecutorServiceName,
                    ManagedScheduledExecutorService.class, intent);
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } else {
            ManagedExecutorService executor = resource(destination != null ? destination : executorServiceName, ManagedExecutorService.class, intent);
            executor.execute(task);
        }
    }

    /** {@code delay}, {@code deliverAt} and {@code destination}; not {@code priority}, {@code timeToLive}, {@code maxRetries}. */
    @Override
    public boolean honours(String option, Intent intent) {
        return DispatchOptions.DELAY.equals(option) || DispatchOptions.DELIVER_AT.equals(option) || DispatchOptions.DESTINATION.equals(option);
    }

    private static long delayMillis(DispatchOptions options) {
        Duration delay = options.delay().orElse(Duration.ZERO);
        Instant at = options.deliverAt().orElse(null);
        if (at != null) {
            Duration untilThen = Duration.between(Instant.now(), at);
            if (untilThen.compareTo(delay) > 0) {
                delay = untilThen;
            }
        }
        return delay.isNegative() ? 0 : delay.toMillis();
    }

    private Runnable contextual(Runnable task) {
        if (contextServiceName == null) {
            return task;
        }
        Object service = resolved.computeIfAbsent(contextServiceName, name -> {
            Object found = lookup.apply(name);
            if (found == null || !(found instanceof ContextService)) {
                // the default may be absent where no server provides one (a test); a name of the application's own should resolve
                LOG.log(name.equals(DEFAULT_CONTEXT_SERVICE) ? Level.FINE : Level.WARNING, "The context service " + name + " is "
                        + (found == null ? "not bound" : "a " + found.getClass().getName() + ", not a ContextService") + ": tasks run on managed "
                        + "threads without the application's context (airlock.managed.context-service names it; 'none' says so on purpose).");
            }
            return found != null ? found : Missing.INSTANCE;
        });
        return service instanceof ContextService context ? context.contextualRunnable(task) : task;
    }

    /** Runs the task on the managed thread, in its own scope; a failure there is logged, dispatch already succeeded. */
    private static void runInScope(Intent intent) {
        try {
            Airlock.get().run(intent::invoke);
        } catch (Exception | Error e) {
            LOG.log(Level.SEVERE, "Task " + intent + " (id " + intent.id() + ") failed on a managed thread", e);
        }
    }

    private <T> T resource(String name, Class<T> type, Intent intent) {
        Object found = resolved.computeIfAbsent(name, n -> {
            Object o = lookup.apply(n);
            return o != null ? o : Missing.INSTANCE;
        });
        if (found == Missing.INSTANCE) {
            resolved.remove(name);
            throw new UsageException("Cannot dispatch " + intent + ": no " + type.getSimpleName() + " named " + name
                    + ". Check the destination option or airlock.managed.* configuration.");
        }
        if (!type.isInstance(found)) {
            throw new UsageException("Cannot dispatch " + intent + ": " + name + " is a " + found.getClass().getName() + ", not a " + type.getName() + ".");
        }
        return type.cast(found);
    }

    @Override
    public String toString() {
        return "managed(" + executorServiceName + ")";
    }

    /** Marks a name that looked up to nothing, since a concurrent map holds no nulls. */
    private enum Missing {
        INSTANCE
    }

    private static Object jndi(String name) {
        try {
            return new InitialContext().lookup(name);
        } catch (NamingException e) {
            return null;
        }
    }

    /** Builds a {@link ManagedIntentExecutor}. */
    public static final class Builder {
        private String executorServiceName = DEFAULT_EXECUTOR_SERVICE;
        private String scheduledExecutorServiceName = DEFAULT_SCHEDULED_EXECUTOR_SERVICE;
        private String contextServiceName = DEFAULT_CONTEXT_SERVICE;
        private Function<String, Object> lookup = ManagedIntentExecutor::jndi;
        private final Map<String, Object> given = new ConcurrentHashMap<>();

        private Builder() {
        }

        /** The JNDI name of the executor service for intents without a delay. */
        public Builder executorServiceName(String name) {
            this.executorServiceName = requireName(name, "executorServiceName");
            return this;
        }

        /** The JNDI name of the scheduled executor service for intents with a delay. */
        public Builder scheduledExecutorServiceName(String name) {
            this.scheduledExecutorServiceName = requireName(name, "scheduledExecutorServiceName");
            return this;
        }

        /** The JNDI name of the context service that captures the application's context; null for none. */
        public Builder contextServiceName(String name) {
            this.contextServiceName = name;
            return this;
        }

        /** Uses this executor service instead of looking one up. */
        public Builder executorService(ManagedExecutorService service) {
            given.put(executorServiceName, Objects.requireNonNull(service, "service"));
            return this;
        }

        /** Uses this scheduled executor service instead of looking one up. */
        public Builder scheduledExecutorService(ManagedScheduledExecutorService service) {
            given.put(scheduledExecutorServiceName, Objects.requireNonNull(service, "service"));
            return this;
        }

        /** Uses this context service instead of looking one up. */
        public Builder contextService(ContextService service) {
            if (contextServiceName == null) {
                contextServiceName = DEFAULT_CONTEXT_SERVICE;
            }
            given.put(contextServiceName, Objects.requireNonNull(service, "service"));
            return this;
        }

        /** How names (the defaults, destinations) become resources; JNDI by default. Returns null for an unknown name. */
        public Builder lookup(Function<String, Object> lookup) {
            this.lookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        public ManagedIntentExecutor build() {
            return new ManagedIntentExecutor(this);
        }

        private static String requireName(String name, String what) {
            if (name == null || name.isBlank()) {
                throw new UsageException(what + " must be a non-blank JNDI name, got " + (name == null ? "null" : "'" + name + "'") + ".");
            }
            return name.trim();
        }
    }
}
