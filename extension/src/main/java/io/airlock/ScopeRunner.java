package io.airlock;

import io.airlock.internal.failure.Suppressed;
import java.util.Arrays;
import java.util.List;
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
 *
 * <p>The policy set here judges what escapes from this scope. When the scope is nested in another one (an
 * HTTP request's, an outer {@code @Airlocked} method's), the outer scope captures its intents and judges them
 * with its own policy, as the outermost scope has authority. To filter what a block enqueues wherever it
 * runs, use a local policy block: {@link Airlock#withPolicy(Policy)}.
 */
public final class ScopeRunner {

    private static final List<Class<? extends Throwable>> NONE = List.of();

    private final Policy policy;
    private final IntentExecutor executor;
    private final ScopeFactory factory;
    private final List<Class<? extends Throwable>> discardOn;
    private final List<Class<? extends Throwable>> dontDiscardOn;
    /** 0: the application's limit. */
    private final int maxIntents;

    ScopeRunner(Policy policy, IntentExecutor executor, ScopeFactory factory) {
        this(policy, executor, factory, NONE, NONE, 0);
    }

    private ScopeRunner(Policy policy, IntentExecutor executor, ScopeFactory factory, List<Class<? extends Throwable>> discardOn,
            List<Class<? extends Throwable>> dontDiscardOn, int maxIntents) {
        this.policy = policy;
        this.executor = executor;
        this.factory = factory;
        this.discardOn = discardOn;
        this.dontDiscardOn = dontDiscardOn;
        this.maxIntents = maxIntents;
    }

    public ScopeRunner policy(Policy newPolicy) {
        return new ScopeRunner(Objects.requireNonNull(newPolicy, "policy"), executor, factory, discardOn, dontDiscardOn, maxIntents);
    }

    public ScopeRunner executor(IntentExecutor newExecutor) {
        return new ScopeRunner(policy, Objects.requireNonNull(newExecutor, "executor"), factory, discardOn, dontDiscardOn, maxIntents);
    }

    /** The kind of scope to open, for example {@code MyScope::new}. */
    public ScopeRunner type(ScopeFactory newFactory) {
        return new ScopeRunner(policy, executor, Objects.requireNonNull(newFactory, "type"), discardOn, dontDiscardOn, maxIntents);
    }

    /**
     * Exceptions (and their subclasses) after which the scope still flushes, in the spirit of
     * {@code @Transactional(dontRollbackOn = ...)}. When an exception matches both this list and
     * {@link #discardOn}, the more specific class decides; at equal distance, discard wins.
     */
    @SafeVarargs
    public final ScopeRunner dontDiscardOn(Class<? extends Throwable>... types) {
        return new ScopeRunner(policy, executor, factory, discardOn, exceptionTypes("dontDiscardOn", types), maxIntents);
    }

    /**
     * Exceptions (and their subclasses) after which the scope discards even though a broader
     * {@link #dontDiscardOn} class matches them too.
     */
    @SafeVarargs
    public final ScopeRunner discardOn(Class<? extends Throwable>... types) {
        return new ScopeRunner(policy, executor, factory, exceptionTypes("discardOn", types), dontDiscardOn, maxIntents);
    }

    private static List<Class<? extends Throwable>> exceptionTypes(String method, Class<? extends Throwable>[] types) {
        if (types == null || Arrays.asList(types).contains(null)) {
            throw new UsageException(method + " needs exception classes, got " + (types == null ? "null" : Arrays.toString(types))
                    + ". Pass the classes, such as " + method + "(IllegalStateException.class), or none.");
        }
        return List.of(types);
    }

    /**
     * Bounds the scope's buffer (see {@link Scope#maxIntents(int)}): for a long-running unit of work, a limit that
     * fails clearly instead of holding every intent in memory until the flush.
     *
     * @param max at least 1
     */
    public ScopeRunner maxIntents(int max) {
        Scope.checkMaxIntents(max);
        return new ScopeRunner(policy, executor, factory, discardOn, dontDiscardOn, max);
    }

    /** A new scope, not yet entered: for integrations that drive the lifecycle themselves. */
    public Scope create() {
        AirlockConfig cfg = Engine.get().config();
        Scope scope = (factory != null ? factory : cfg.scopeFactory()).create(policy != null ? policy : cfg.policy(),
                executor != null ? executor : cfg.executor());
        if (scope == null) {
            throw new UsageException("The scope factory returned null; it must return a new Scope.");
        }
        if (maxIntents > 0) {
            scope.maxIntents(maxIntents);
        }
        return executor != null ? scope.executorChosen() : scope;
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

    /** Decides flush or discard: the exception lists first, then the scope's own {@link Scope#shouldFlush}. */
    private boolean shouldFlush(Scope scope, Throwable error) {
        if (error != null && !(discardOn.isEmpty() && dontDiscardOn.isEmpty())) {
            int keep = distance(error.getClass(), dontDiscardOn);
            int drop = distance(error.getClass(), discardOn);
            if (keep < drop) {
                return true;
            }
            if (drop != Integer.MAX_VALUE) {
                return false;
            }
        }
        return scope.shouldFlush(error);
    }

    /** How many superclass steps from {@code type} to the closest class in {@code types}; MAX_VALUE if none. */
    private static int distance(Class<?> type, List<Class<? extends Throwable>> types) {
        int best = Integer.MAX_VALUE;
        for (Class<?> candidate : types) {
            int d = 0;
            for (Class<?> c = type; c != null; c = c.getSuperclass(), d++) {
                if (c == candidate) {
                    best = Math.min(best, d);
                    break;
                }
            }
        }
        return best;
    }

    private void finish(Scope scope, Throwable error) {
        boolean leaked;
        try {
            leaked = scope.exitUnwinding();
        } catch (ScopeStateException gone) {
            // the block exited its own scope: nothing is flushed; what the block left on the thread is off it
            if (error == null) {
                throw gone;
            }
            Suppressed.add(error, gone);
            return;
        }
        try {
            boolean flush;
            try {
                flush = shouldFlush(scope, error);
            } catch (RuntimeException | Error undecided) {
                scope.discard(); // no decision to flush: nothing escapes, and the discard is reported as any other
                throw undecided;
            }
            if (flush) {
                scope.flush();
            } else {
                scope.discard();
            }
        } catch (RuntimeException | Error failure) {
            if (error == null) {
                throw failure;
            }
            Suppressed.add(error, failure);
        }
        if (leaked) {
            ScopeStateException leak = new ScopeStateException("A scope opened inside this block was never exited; airlock closed it. "
                    + "Intents buffered in it were not flushed. Close every scope you open with exit() and flush() or discard().");
            if (error == null) {
                throw leak;
            }
            Suppressed.add(error, leak);
        }
    }
}
