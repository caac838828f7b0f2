package io.airlock;

import io.airlock.policy.AllowAll;
import io.airlock.spi.TargetResolver;
import io.airlock.spi.TransactionSupport;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The application's defaults: what scopes use when a caller does not say otherwise, and how airlock reaches
 * targets and transactions. Immutable; derive changed copies with the {@code with...} methods.
 *
 * <pre>{@code
 * Airlock.get().configure(config -> config.withExecutor(myExecutor).withPolicy(new LogOnFlush()));
 * // ... and in a test's tear-down:
 * Airlock.get().resetConfiguration();
 * }</pre>
 *
 * @param policy the policy of scopes opened without one (default {@link AllowAll})
 * @param executor the executor of scopes opened without one (default {@link IntentExecutor#sync()})
 * @param scopeFactory creates scopes (default {@code Scope::new})
 * @param targetResolver finds task targets at dispatch (CDI in a container; a no-argument constructor otherwise).
 *     {@link Airlock#configure} keeps the one an integration installed unless this names another.
 * @param transactionSupport sees the active transaction (JTA in a container; none otherwise); kept like the resolver
 * @param noScope what {@code enqueue} does with no scope (default {@link NoScopeBehavior#FAIL})
 * @param failureListener told of every dispatch failure, in addition to the log (in a container the CDI event
 *     fires as well)
 * @param maxIntents the most intents a scope buffers, its own and those it captured from nested scopes; one more
 *     fails its enqueue with {@link ScopeCapacityException} (default {@link Integer#MAX_VALUE}: no limit). A scope
 *     can set its own with {@link Scope#maxIntents(int)} or {@link ScopeRunner#maxIntents(int)}.
 */
public record AirlockConfig(Policy policy, IntentExecutor executor, ScopeFactory scopeFactory, TargetResolver targetResolver,
        TransactionSupport transactionSupport, NoScopeBehavior noScope, Consumer<DispatchFailure> failureListener, int maxIntents) {

    private static final AirlockConfig DEFAULTS = new AirlockConfig(new AllowAll(), IntentExecutor.sync(), Scope::new,
            TargetResolver.NEW_INSTANCE, TransactionSupport.NONE, NoScopeBehavior.FAIL, failure -> { }, Integer.MAX_VALUE);

    public AirlockConfig {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(scopeFactory, "scopeFactory");
        Objects.requireNonNull(targetResolver, "targetResolver");
        Objects.requireNonNull(transactionSupport, "transactionSupport");
        Objects.requireNonNull(noScope, "noScope");
        Objects.requireNonNull(failureListener, "failureListener");
        Scope.checkMaxIntents(maxIntents);
    }

    /** airlock's own defaults, for plain Java: allow all, synchronous, no transactions, fail without a scope. */
    public static AirlockConfig defaults() {
        return DEFAULTS;
    }

    public AirlockConfig withPolicy(Policy policy) {
        return new AirlockConfig(policy, executor, scopeFactory, targetResolver, transactionSupport, noScope, failureListener, maxIntents);
    }

    public AirlockConfig withExecutor(IntentExecutor executor) {
        return new AirlockConfig(policy, executor, scopeFactory, targetResolver, transactionSupport, noScope, failureListener, maxIntents);
    }

    public AirlockConfig withScopeFactory(ScopeFactory scopeFactory) {
        return new AirlockConfig(policy, executor, scopeFactory, targetResolver, transactionSupport, noScope, failureListener, maxIntents);
    }

    public AirlockConfig withTargetResolver(TargetResolver targetResolver) {
        return new AirlockConfig(policy, executor, scopeFactory, targetResolver, transactionSupport, noScope, failureListener, maxIntents);
    }

    public AirlockConfig withTransactionSupport(TransactionSupport transactionSupport) {
        return new AirlockConfig(policy, executor, scopeFactory, targetResolver, transactionSupport, noScope, failureListener, maxIntents);
    }

    public AirlockConfig withNoScope(NoScopeBehavior noScope) {
        return new AirlockConfig(policy, executor, scopeFactory, targetResolver, transactionSupport, noScope, failureListener, maxIntents);
    }

    public AirlockConfig withFailureListener(Consumer<DispatchFailure> failureListener) {
        return new AirlockConfig(policy, executor, scopeFactory, targetResolver, transactionSupport, noScope, failureListener, maxIntents);
    }

    public AirlockConfig withMaxIntents(int maxIntents) {
        return new AirlockConfig(policy, executor, scopeFactory, targetResolver, transactionSupport, noScope, failureListener, maxIntents);
    }
}
