package io.airlock;

/**
 * Creates the scopes that {@link Airlock#scope()} and {@link Airlock#run} open: the way to plug in a
 * custom {@link Scope} subclass, for example {@code MyScope::new}.
 */
@FunctionalInterface
public interface ScopeFactory {

    Scope create(Policy policy, IntentExecutor executor);
}
