package io.airlock;

/**
 * Creates the scopes that {@link Airlock#scope()} and {@link Airlock#run} open: the way to plug in a
 * custom {@link Scope} subclass, for example {@code MyScope::new}. Every scope the application opens comes from it: a
 * block, an {@code @Airlocked} method, the HTTP request, a joined transaction, the scope a task runs in on a worker.
 *
 * <p>In a container, set it with {@code airlock.scope-factory} (the class name of a {@code Scope} subclass with a public
 * {@code (Policy, IntentExecutor)} constructor, or a {@code ScopeFactory} bean name or class), or an
 * {@link AirlockDefault} bean; in plain Java with {@code Airlock.get().configure(c -> c.withScopeFactory(MyScope::new))}.
 */
@FunctionalInterface
public interface ScopeFactory {

    Scope create(Policy policy, IntentExecutor executor);
}
