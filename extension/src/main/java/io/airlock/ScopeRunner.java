package io.airlock;

import java.util.Objects;

/**
 * Opens scopes with chosen settings; what is not set comes from the application's {@link AirlockConfig}.
 * Immutable: each setter returns a new runner.
 *
 * <pre>{@code
 * List<Intent> wouldSend = airlock.scope().policy(new DropAll()).call(() -> {
 *     importer.importAll(rows);
 *     return airlock.currentScope().orElseThrow().intents();
 * });
 * }</pre>
 */
public final class ScopeRunner {

    private final Policy policy;
    private final IntentExecutor executor;
    private final ScopeFactory factory;

    ScopeRunner(Policy policy, IntentExecutor executor, ScopeFactory factory) {
        this.policy = policy;
        this.executor = executor;
        this.factory = factory;
    }

    public ScopeRunner policy(Policy newPolicy) {
        return new ScopeRunner(Objects.requireNonNull(newPolicy, "policy"), executor, factory);
    }

    public ScopeRunner executor(IntentExecutor newExecutor) {
        return new ScopeRunner(policy, Objects.requireNonNull(newExecutor, "executor"), factory);
    }

    /** The kind of scope to open, for example {@code MyScope::new}. */
    public ScopeRunner type(ScopeFactory newFactory) {
        return new ScopeRunner(policy, executor, Objects.requireNonNull(newFactory, "type"));
    }

    /** A new scope, not yet entered: for integrations that drive the lifecycle themselves. */
    public Scope create() {
        AirlockConfig cfg = Engine.get().config();
        Scope scope = (factory != null ? factory : cfg.scopeFactory()).create(policy != null ? policy : cfg.policy(),
                executor != null ? executor : cfg.executor());
        if (scope == null) {
            throw new UsageException("The scope factory returned null; it must return a new Scope.");
        }
        return scope;
    }

    /** A new scope, entered: the caller must {@link Scope#exit()} it and then flush or discard it. */
    public Scope open() {
        return create().enter();
    }

    /**
     * Runs {@code block} in a new scope: on normal completion the scope flushes, on an exception it is
     * discarded and the exception is rethrown unchanged (as {@link Scope#shouldFlush} decides).
     */
    public <X extends Exception> void run(ScopedRunnable<X> block) throws X {
        Objects.requireNonNull(block, "block");
        call(() -> {
            block.run();
            return null;
        });
    }

    /** Like {@link #run}, returning the block's value. */
    public <R, X extends Exception> R call(ScopedCallable<R, X> block) throws X {
        Objects.requireNonNull(block, "block");
        Scope scope = open();
        R result;
        try {
            result = block.call();
        } catch (Throwable t) {
            finish(scope, t);
            throw t;
        }
        finish(scope, null);
        return result;
    }

    private static void finish(Scope scope, Throwable error) {
        boolean leaked = scope.exitUnwinding();
        try {
            if (scope.shouldFlush(error)) {
                scope.flush();
            } else {
                scope.discard();
            }
        } catch (RuntimeException | Error failure) {
            if (error == null) {
                throw failure;
            }
            error.addSuppressed(failure);
        }
        if (leaked) {
            ScopeStateException leak = new ScopeStateException("A scope opened inside this block was never exited; airlock closed it. "
                    + "Intents buffered in it were not flushed. Close every scope you open with exit() and flush() or discard().");
            if (error == null) {
                throw leak;
            }
            error.addSuppressed(leak);
        }
    }
}
