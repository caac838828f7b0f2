package io.airlock;

/**
 * The executors the configuration names, to use in code as configured: {@code @Inject AirlockExecutors executors;
 * executors.get("jms")} is the JMS executor of the {@code airlock.jms.*} keys, {@code get("managed")} the
 * ManagedExecutorService executor of the {@code airlock.managed.*} keys, so that a routing executor or one
 * scope's executor reuses them without repeating their JNDI names:
 *
 * <pre>{@code
 * IntentExecutor routed = IntentExecutor.route(i -> i.name().startsWith("send"), executors.get("jms"), executors.get("managed"));
 * }</pre>
 *
 * A CDI bean registered by airlock's extension. Each name gives one instance for the application's life.
 */
public interface AirlockExecutors {

    /**
     * The executor {@code name} stands for, as {@code airlock.executor} and {@code @Airlocked(executor = …)} read
     * it: {@code sync}, {@code managed}, {@code jms}, the name of a CDI bean ({@code @Named}), or the fully
     * qualified name of an {@link IntentExecutor} class. Not made durable by {@code airlock.store}; see
     * {@code DurableIntents} for that.
     *
     * @throws UsageException naming what is allowed, when nothing has that name
     */
    IntentExecutor get(String name);
}
