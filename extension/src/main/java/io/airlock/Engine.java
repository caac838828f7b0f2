package io.airlock;

import io.airlock.internal.failure.Suppressed;
import io.airlock.internal.observe.DispatchObserver;
import io.airlock.internal.observe.Observation;
import io.airlock.spi.TransactionBinding;
import io.airlock.spi.TransactionBinding.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one airlock engine of this class loader (so, in a server, of this application): the configuration,
 * the enqueue path and the dispatch path shared by {@link Airlock}, {@link Scope} and the integrations.
 */
final class Engine {

    static final Logger LOG = Logger.getLogger("io.airlock");

    private static final Engine INSTANCE = new Engine();

    /** Set while this thread runs work after a transaction completed, where no caller can catch a failure. */
    private static final ThreadLocal<Boolean> AFTER_COMPLETION = new ThreadLocal<>();

    private volatile AirlockConfig installed = AirlockConfig.defaults();
    private volatile AirlockConfig config = installed;

    private Engine() {
    }

    static Engine get() {
        return INSTANCE;
    }

    AirlockConfig config() {
        return config;
    }

    io.airlock.spi.TargetResolver resolver() {
        return config.targetResolver();
    }

    /** Sets the deployed configuration, the one {@link #reset()} returns to. */
    void install(AirlockConfig deployed) {
        installed = Objects.requireNonNull(deployed, "config");
        config = deployed;
    }

    /**
     * Replaces the application's defaults. The platform bindings an integration installed (target resolution,
     * the transaction support) stay unless {@code changed} names other ones: a configuration derived from
     * {@link AirlockConfig#defaults()} carries airlock's plain-Java bindings, and taking those would silently
     * unplug CDI and JTA. A deliberate replacement is logged. The installed failure listener (the CDI event)
     * is told of failures whatever listener {@code changed} has: a different one is told as well.
     */
    void configure(AirlockConfig changed) {
        Objects.requireNonNull(changed, "config");
        AirlockConfig plain = AirlockConfig.defaults();
        AirlockConfig base = installed;
        if (base.targetResolver() != plain.targetResolver() && changed.targetResolver() != base.targetResolver()) {
            if (changed.targetResolver() == plain.targetResolver()) {
                changed = changed.withTargetResolver(base.targetResolver());
            } else {
                LOG.log(Level.WARNING, "configure replaced the installed target resolver {0} with {1}", new Object[] {base.targetResolver(), changed.targetResolver()});
            }
        }
        if (base.transactionSupport() != plain.transactionSupport() && changed.transactionSupport() != base.transactionSupport()) {
            if (changed.transactionSupport() == plain.transactionSupport()) {
                changed = changed.withTransactionSupport(base.transactionSupport());
            } else {
                LOG.log(Level.WARNING, "configure replaced the installed transaction support {0} with {1}",
                        new Object[] {base.transactionSupport(), changed.transactionSupport()});
            }
        }
        Consumer<DispatchFailure> listener = changed.failureListener();
        if (listener instanceof BothListeners both) {
            listener = both.configured();
        }
        if (listener != base.failureListener()) {
            changed = changed.withFailureListener(new BothListeners(listener, base.failureListener()));
        }
        config = changed;
    }

    /** A configured failure listener and the installed one, each told of every failure. */
    private record BothListeners(Consumer<DispatchFailure> configured, Consumer<DispatchFailure> installed) implements Consumer<DispatchFailure> {
        @Override
        public void accept(DispatchFailure failure) {
            tell(configured, failure);
            tell(installed, failure);
        }
    }

    private static void tell(Consumer<DispatchFailure> listener, DispatchFailure failure) {
        try {
            listener.accept(failure);
        } catch (RuntimeException listenerFailure) {
            LOG.log(Level.SEVERE, "A dispatch failure listener failed", listenerFailure);
        }
    }

    void reset() {
        config = installed;
    }

    // ---------------------------------------------------------------- enqueue

    Intent enqueue(Task<?> task, Object[] args, EnqueueSettings settings) {
        if (task == null) {
            throw new UsageException("enqueue needs a task, got null. Pass a method reference such as Mailer::send.");
        }
        return buffer(task, TaskIntrospector.of(task), args, settings);
    }

    Intent enqueueAdHoc(String name, AdHocTask body, EnqueueSettings settings) {
        if (name == null || name.isBlank()) {
            throw new UsageException("An ad-hoc task needs a non-blank name, got " + (name == null ? "null" : "'" + name + "'") + ".");
        }
        if (body == null) {
            throw new UsageException("Ad-hoc task '" + name + "' needs a body, got null.");
        }
        return buffer(body, null, new Object[0], settings.withName(name));
    }

    private Intent buffer(Object body, TaskInfo info, Object[] args, EnqueueSettings settings) {
        ThreadState state = ThreadState.current();
        if (state != null && state.judging > 0) {
            throw new PolicyEnqueueException("Cannot enqueue '" + nameOf(info, settings) + "' from inside a policy: policies judge intents, they never create them. "
                    + "Enqueue from the code the policy judges instead.");
        }
        AirlockConfig cfg = config;
        if (info != null) {
            checkTask(cfg, info, args, settings);
        }
        TransactionBinding tx;
        try {
            tx = cfg.transactionSupport().current();
        } catch (UsageException unbindable) {
            throw new UsageException("Cannot enqueue '" + nameOf(info, settings) + "': " + unbindable.getMessage(), unbindable);
        }
        EnqueueContext context;
        if (state == null) {
            context = new EnqueueContext(settings, List.of(), tx, cfg.targetResolver());
        } else {
            context = state.lastContext;
            context = context == null ? new EnqueueContext(settings, state.localPolicies, tx, cfg.targetResolver())
                    : context.reuseOrCreate(settings, state.localPolicies, tx, cfg.targetResolver());
            state.lastContext = context;
        }
        Intent intent = Intent.create(body, info, args, context);
        Scope scope = state == null ? null : state.scope;
        if (scope == null) {
            return bufferWithoutBoundary(intent, tx, cfg);
        }
        scope.add(intent);
        Observation.observer().enqueued(intent);
        return intent;
    }

    /**
     * The checks of a task at enqueue (kept out of {@link #buffer}, the hot path, so that it stays small enough to be
     * compiled inline): its target resolves, a private method is not called on a proxy, no null for a primitive.
     */
    private static void checkTask(AirlockConfig cfg, TaskInfo info, Object[] args, EnqueueSettings settings) {
        cfg.targetResolver().check(info.targetType());
        if (info.privateMethod()) {
            cfg.targetResolver().checkPrivateCall(info.targetType(), info.name());
        }
        if (info.method() != null) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    checkNullable(info, i, settings);
                }
            }
        }
    }

    /** An intent enqueued outside any scope: it joins the transaction's scope, is dropped in a doomed one, or is refused. */
    private Intent bufferWithoutBoundary(Intent intent, TransactionBinding tx, AirlockConfig cfg) {
        if (cfg.noScope() == NoScopeBehavior.JOIN_TRANSACTION && tx != null && tx.willRollBack()) {
            // checked and told to the policy as in the scope it would have joined, then dropped as a flush there would
            // drop it: nothing enqueued in a transaction that will not commit can escape
            cfg.scopeFactory().create(cfg.policy(), cfg.executor()).add(intent);
            Observation.observer().enqueued(intent);
            dropForRollback(List.of(intent), cfg.executor(), tx, Level.WARNING);
            return intent;
        }
        scopeWithoutBoundary(intent, tx, cfg).add(intent);
        Observation.observer().enqueued(intent);
        return intent;
    }

    /** A null argument for a primitive parameter would fail at dispatch, after the commit: refused here. */
    private static void checkNullable(TaskInfo info, int index, EnqueueSettings settings) {
        Class<?> parameter = info.method().parameterTypes().get(index);
        if (parameter.isPrimitive()) {
            throw new UsageException("Cannot enqueue '" + nameOf(info, settings) + "': argument " + (index + 1) + " is null, but " + info.method()
                    + " takes a " + parameter.getName() + " there, so the call would fail at dispatch. Pass a value, or declare the parameter as "
                    + java.lang.invoke.MethodType.methodType(parameter).wrap().returnType().getSimpleName() + ".");
        }
    }

    /** An ad-hoc task's settings always carry its name. */
    private static String nameOf(TaskInfo info, EnqueueSettings settings) {
        return settings.name() != null ? settings.name() : info.name();
    }

    /** Counts {@code intents} dropped as not attempted, but those in {@code reported}; nothing when telemetry is absent. */
    private static void notAttempted(List<Intent> intents, Set<Intent> reported) {
        DispatchObserver observer = Observation.observer();
        if (observer != DispatchObserver.NONE) {
            for (Intent never : intents) {
                if (!reported.contains(never)) {
                    observer.dropped(never, DispatchObserver.NOT_ATTEMPTED);
                }
            }
        }
    }

    private Scope scopeWithoutBoundary(Intent intent, TransactionBinding tx, AirlockConfig cfg) {
        if (cfg.noScope() == NoScopeBehavior.JOIN_TRANSACTION && tx != null && tx.status() == Status.ACTIVE) {
            return tx.joinedScope(() -> {
                Scope joined = cfg.scopeFactory().create(cfg.policy(), cfg.executor());
                // flushed as the transaction is about to commit, so an executor that works inside the transaction
                // (the durable store, JMS in-transaction) commits with it; the others still wait for the commit
                tx.beforeCompletion(() -> {
                    if (!joined.isFlushed() && !joined.isDiscarded()) {
                        joined.flush();
                    }
                });
                tx.whenComplete(status -> cfg.transactionSupport().runOutside(() -> {
                    if (joined.isFlushed() || joined.isDiscarded()) {
                        return;
                    }
                    if (status == Status.COMMITTED) {
                        flushWithoutCaller(joined); // joined after the completion began: too late to take part in it
                    } else {
                        joined.discard();
                    }
                }));
                return joined;
            });
        }
        String joinHint = cfg.noScope() == NoScopeBehavior.JOIN_TRANSACTION
                ? " (airlock.no-scope is join-transaction, but no JTA transaction is active)"
                : ", or set airlock.no-scope=join-transaction to buffer it in the active JTA transaction";
        throw new NoScopeException("Cannot enqueue " + intent + " without an airlock scope. Open one: annotate the calling method with "
                + "@Airlocked, run the code in airlock.run(() -> ...), or call it during an HTTP request" + joinHint + "."
                + UninterceptedBoundary.hint());
    }

    // --------------------------------------------------------------- dispatch

    /** Dispatches now, or after the active transaction completes (see {@link Scope#dispatch}). */
    void dispatch(List<Intent> batch, IntentExecutor executor) {
        if (batch.isEmpty()) {
            return;
        }
        TransactionBinding flushTx;
        try {
            flushTx = config.transactionSupport().current();
        } catch (UsageException unbindable) {
            notAttempted(batch, Set.of()); // so that every enqueued intent is counted sent or dropped
            throw new UsageException("Cannot dispatch " + batch.size() + " intent(s) " + (batch.size() <= 5 ? batch : batch.subList(0, 5) + " and "
                    + (batch.size() - 5) + " more") + ", which were not dispatched: " + unbindable.getMessage(), unbindable);
        }
        if (flushTx == null) {
            new Run(batch, executor, null, true, callerCanCatch()).proceed(0);
        } else if (flushTx.status() == Status.ACTIVE) {
            // asked once per intent: a composed executor's answer (a route's predicate) is then the one the batch is split by
            boolean[] joins = new boolean[batch.size()];
            int inTransaction = 0;
            for (int i = 0, n = batch.size(); i < n; i++) { // indexed: a flush's batch is a random-access list
                try {
                    joins[i] = joinsFlushTransaction(batch.get(i), executor, flushTx);
                } catch (RuntimeException | Error undecided) {
                    // nothing of the batch went: reported as a failure of that intent, like any failure to dispatch it
                    new Run(batch, executor, flushTx, true, true).undecided(i, undecided);
                    throw undecided;
                }
                if (joins[i]) {
                    inTransaction++;
                }
            }
            if (inTransaction > 0 && flushTx.willRollBack()) {
                // written into a transaction that will not commit, the work would fail there: dropped as on a rollback, and
                // logged as quietly, since intents that waited for this transaction's outcome would be dropped the same way
                dropForRollback(batch, executor, flushTx, Level.FINE);
                return;
            }
            List<Intent> now = batch;
            List<Intent> afterCommit = List.of();
            if (inTransaction == 0) {
                now = List.of();
                afterCommit = batch;
            } else if (inTransaction < batch.size()) {
                now = new ArrayList<>(inTransaction);
                afterCommit = new ArrayList<>(batch.size() - inTransaction);
                for (int i = 0, n = batch.size(); i < n; i++) {
                    (joins[i] ? now : afterCommit).add(batch.get(i));
                }
            }
            if (!now.isEmpty()) {
                // the executor's work commits or rolls back with the transaction itself; a failure stops the rest
                new Run(now, executor, flushTx, true, true).notAttemptedAfter(afterCommit).proceed(0);
            }
            if (!afterCommit.isEmpty()) {
                List<Intent> later = afterCommit;
                AirlockConfig cfg = config;
                flushTx.whenComplete(status -> cfg.transactionSupport()
                        .runOutside(() -> new Run(later, executor, flushTx, status == Status.COMMITTED, false).proceed(0)));
            }
        } else {
            dropForRollback(batch, executor, flushTx, Level.WARNING);
        }
    }

    /**
     * Whether the intent is written into the flush's transaction: the executor works inside it, and the intent belongs
     * to it (enqueued in it, or in no transaction). An intent of another transaction (a {@code REQUIRES_NEW} one that
     * committed) follows that one's outcome, never the flush's: written into the flush's transaction, it would be undone,
     * unreported, when that one rolls back after the flush. It waits with the after-commit intents instead.
     */
    private static boolean joinsFlushTransaction(Intent intent, IntentExecutor executor, TransactionBinding flushTx) {
        TransactionBinding own = intent.binding();
        return (own == null || own == flushTx) && executor.dispatchesInTransaction(intent);
    }

    /**
     * A flush in a transaction that will not commit: what belongs to it (enqueued in it, or in no transaction, so
     * waiting for the flush's) is dropped; an intent of another transaction follows that one's outcome (a committed
     * {@code REQUIRES_NEW} transaction's escapes, an open one's waits for it), in order, outside the doomed transaction.
     */
    private void dropForRollback(List<Intent> batch, IntentExecutor executor, TransactionBinding flushTx, Level level) {
        List<Intent> doomed = batch;
        List<Intent> others = List.of();
        for (int i = 0, n = batch.size(); i < n; i++) {
            TransactionBinding own = batch.get(i).binding();
            if (own != null && own != flushTx) {
                doomed = new ArrayList<>(n);
                others = new ArrayList<>(n);
                for (Intent intent : batch) {
                    TransactionBinding its = intent.binding();
                    (its != null && its != flushTx ? others : doomed).add(intent);
                }
                break;
            }
        }
        if (!doomed.isEmpty()) {
            LOG.log(level, "Dropped {0} intent(s) {1}: the transaction associated with the thread will not commit "
                    + "(marked rollback-only, rolled back, or it refused a synchronization).",
                    new Object[] {doomed.size(), doomed});
            doomed.forEach(dropped -> Observation.observer().dropped(dropped, DispatchObserver.ROLLBACK));
        }
        if (!others.isEmpty()) {
            // outside the doomed transaction: an executor that works inside the caller's transaction must not write them into it
            List<Intent> theirs = others;
            boolean callerWaiting = callerCanCatch();
            config.transactionSupport().runOutside(() -> new Run(theirs, executor, flushTx, false, callerWaiting).proceed(0));
        }
    }

    /** Executes now: no deferral to the current transaction, but intents of rolled-back transactions still never escape. */
    void execute(List<Intent> batch, IntentExecutor executor) {
        new Run(batch, executor, null, true, callerCanCatch()).proceed(0);
    }

    /**
     * Flushes a scope that joined a transaction, at its commit: no caller waits for that flush, so its batch
     * reports a failure as happening after completion instead of throwing it.
     */
    private static void flushWithoutCaller(Scope joined) {
        AFTER_COMPLETION.set(Boolean.TRUE);
        try {
            joined.flush();
        } finally {
            AFTER_COMPLETION.remove();
        }
    }

    /**
     * Whether the caller of this flush can still catch a failure. One-shot: the flag is consumed by the batch
     * it was set for, so the tasks of that batch, flushing scopes of their own, get their failures thrown.
     */
    private static boolean callerCanCatch() {
        if (AFTER_COMPLETION.get() == null) {
            return true;
        }
        AFTER_COMPLETION.remove();
        return false;
    }

    /**
     * One batch on its way out. Intents go in order; each waits for its own transaction's outcome when that is
     * still open, so order is kept and nothing of a rolled-back transaction escapes.
     */
    private final class Run {
        private final List<Intent> batch;
        private final IntentExecutor executor;
        private final TransactionBinding flushTx;
        private final boolean flushCommitted;
        /** Intents of the batch that were dropped (their transaction rolled back); the rest before a failure were dispatched. */
        private List<Intent> dropped = List.of();
        /** Intents of the same flush that were to follow this run (after the commit): not attempted if it fails. */
        private List<Intent> following = List.of();
        private boolean callerWaiting;
        /**
         * The observer's tokens of the intents the open batch took, each followed by its intent: their outcome is
         * reported when the batch closes, since a batch committed as one can still undo them. Empty without telemetry.
         */
        private List<Object> handed = List.of();

        Run(List<Intent> batch, IntentExecutor executor, TransactionBinding flushTx, boolean flushCommitted, boolean callerWaiting) {
            this.batch = batch;
            this.executor = executor;
            this.flushTx = flushTx;
            this.flushCommitted = flushCommitted;
            this.callerWaiting = callerWaiting;
        }

        /**
         * Reports that whether the intent at {@code index} dispatches in the flush's transaction could not be decided
         * ({@code undecided}): it failed, and nothing of the batch was attempted.
         */
        void undecided(int index, Throwable undecided) {
            Intent failed = batch.get(index);
            DispatchObserver observer = Observation.observer();
            observer.dispatched(observer.dispatching(failed, executor), failed, undecided);
            fail(failed, undecided, 0, List.of());
        }

        Run notAttemptedAfter(List<Intent> following) {
            this.following = following;
            return this;
        }

        void proceed(int from) {
            IntentExecutor.Batch open = null;
            try {
                for (int i = from; i < batch.size(); i++) {
                    Intent intent = batch.get(i);
                    TransactionBinding own = intent.binding();
                    boolean allowed;
                    if (own == null || own == flushTx) {
                        allowed = flushTx == null || flushCommitted;
                    } else {
                        Status status = own.status();
                        if (status == Status.ACTIVE) {
                            if (open != null) {
                                IntentExecutor.Batch ending = open;
                                open = null;
                                if (!end(ending, i)) {
                                    return; // what went before did not commit: fail-fast, nothing resumes
                                }
                            }
                            int resume = i;
                            callerWaiting = false;
                            own.whenComplete(outcome -> config.transactionSupport().runOutside(() -> proceed(resume)));
                            return;
                        }
                        allowed = status == Status.COMMITTED;
                    }
                    if (!allowed) {
                        LOG.log(Level.FINE, "Dropped {0}: its transaction rolled back.", intent);
                        if (dropped.isEmpty()) {
                            dropped = new ArrayList<>();
                        }
                        dropped.add(intent);
                        Observation.observer().dropped(intent, DispatchObserver.ROLLBACK);
                        continue;
                    }
                    Intent current = intent;
                    Object observed = Observation.observer().dispatching(intent, executor);
                    try {
                        if (open == null) {
                            open = executor.openBatch(Collections.unmodifiableList(i == 0 ? batch : batch.subList(i, batch.size())));
                            if (open == null) {
                                throw new UsageException(executor + " (" + executor.getClass().getName() + ") returned null from openBatch: "
                                        + "return a Batch, or leave openBatch to its default, which sends each intent through execute.");
                            }
                        }
                        open.execute(intent);
                        handed(observed, intent);
                    } catch (Exception | Error e) {
                        if (e instanceof InterruptedException) {
                            Thread.currentThread().interrupt(); // the exception is wrapped below: the interrupt stays visible to the caller
                        }
                        Observation.observer().dispatched(observed, intent, e);
                        if (e instanceof UndeliverableIntentException undeliverable && undeliverable.intent() != null && open == null) {
                            current = undeliverable.intent();
                        }
                        List<Intent> undone = List.of();
                        if (open != null) {
                            // before the report: a batch sent in one transaction commits what went before the failure
                            IntentExecutor.Batch ending = open;
                            open = null;
                            try {
                                ending.close();
                                settle(null);
                            } catch (Exception closing) {
                                settle(closing);
                                undone = undone(closing);
                                if (undone.isEmpty()) {
                                    LOG.log(Level.WARNING, "Closing the dispatch batch of " + executor + " failed", closing);
                                } else {
                                    Suppressed.add(e, closing);
                                }
                            }
                        }
                        fail(current, e, i, undone);
                        if (e instanceof Error error) {
                            throw error; // reported like any failure, and never swallowed, even after the commit
                        }
                        if (callerWaiting) {
                            if (e instanceof RuntimeException re) {
                                throw re;
                            }
                            throw new DispatchException("Dispatch of " + current + " failed: " + e, e);
                        }
                        return;
                    }
                }
                if (open != null) {
                    IntentExecutor.Batch ending = open;
                    open = null;
                    end(ending, batch.size());
                }
            } finally {
                if (open != null) {
                    try {
                        open.close();
                        settle(null);
                    } catch (Exception e) {
                        settle(e);
                        LOG.log(Level.WARNING, "Closing the dispatch batch of " + executor + " failed", e);
                    }
                }
            }
        }

        /**
         * Closes a batch all of whose intents went, the next one being at {@code index}; false when its commit
         * failed, reported then (and thrown to a waiting caller).
         */
        private boolean end(IntentExecutor.Batch ending, int index) {
            try {
                ending.close();
                settle(null);
                return true;
            } catch (Exception e) {
                settle(e);
                List<Intent> undone = undone(e);
                if (undone.isEmpty()) {
                    LOG.log(Level.WARNING, "Closing the dispatch batch of " + executor + " failed", e);
                    return true;
                }
                fail(null, e, index, undone);
                if (callerWaiting) {
                    throw e instanceof RuntimeException re ? re : new DispatchException("Committing the batch of " + executor + " failed: " + e, e);
                }
                return false;
            }
        }

        /** The open batch took the intent: its observed dispatch waits for the batch's close to be reported. */
        private void handed(Object observed, Intent intent) {
            DispatchObserver observer = Observation.observer();
            observer.handed(observed);
            if (observer == DispatchObserver.NONE) {
                return;
            }
            if (handed.isEmpty()) {
                handed = new ArrayList<>();
            }
            handed.add(observed);
            handed.add(intent);
        }

        /**
         * Reports the dispatches the closed batch held: failed, with {@code closing}, those its failed commit undid;
         * dispatched the others ({@code closing} null: it closed).
         */
        private void settle(Exception closing) {
            if (handed.isEmpty()) {
                return;
            }
            List<Intent> undone = closing == null ? List.of() : undone(closing);
            List<Object> reported = handed;
            handed = List.of();
            for (int i = 0; i < reported.size(); i += 2) {
                Intent intent = (Intent) reported.get(i + 1);
                boolean undid = undone.stream().anyMatch(u -> u == intent);
                Observation.observer().dispatched(reported.get(i), intent, undid ? closing : null);
            }
        }

        /**
         * The intents a failed commit undid: a {@link BatchRolledBackException} from a batch's close, and those a
         * composed batch attached to what it threw (suppressed); empty for any other failure of close.
         */
        private static List<Intent> undone(Exception closing) {
            List<Intent> undone = new ArrayList<>();
            if (closing instanceof BatchRolledBackException rolledBack) {
                undone.addAll(rolledBack.intents());
            }
            for (Throwable more : closing.getSuppressed()) {
                if (more instanceof BatchRolledBackException also) {
                    undone.addAll(also.intents());
                }
            }
            return undone;
        }

        /**
         * Reports the failure at {@code index}: before it, what was not dropped nor undone by a failed commit was
         * dispatched; the undone intents and those from {@code index} on were not. {@code failed} null: the first
         * undone intent stands for the failed commit.
         */
        private void fail(Intent failed, Throwable cause, int index, List<Intent> undone) {
            Set<Intent> droppedSet = Collections.newSetFromMap(new IdentityHashMap<>());
            droppedSet.addAll(dropped);
            Set<Intent> undoneSet = Collections.newSetFromMap(new IdentityHashMap<>());
            undoneSet.addAll(undone);
            List<Intent> dispatched = new ArrayList<>(index);
            List<Intent> notAttempted = new ArrayList<>(batch.size() - index + undone.size() + following.size());
            for (Intent earlier : batch.subList(0, index)) {
                if (undoneSet.contains(earlier)) {
                    if (failed == null) {
                        failed = earlier;
                    } else {
                        notAttempted.add(earlier);
                    }
                } else if (!droppedSet.contains(earlier)) {
                    dispatched.add(earlier);
                }
            }
            for (Intent later : batch.subList(index, batch.size())) {
                if (later != failed) {
                    notAttempted.add(later);
                }
            }
            notAttempted.addAll(following);
            notAttempted(notAttempted, undoneSet); // an undone one was reported with the failed commit, as sent and failed
            if (failed == null) {
                failed = undone.get(0); // not among the batch's intents (a composed batch's own): still name one
            }
            DispatchFailure failure = new DispatchFailure(failed, cause, dispatched, notAttempted, !callerWaiting);
            LOG.log(Level.SEVERE, "Dispatch of " + failed + " (id " + failed.id() + ") through " + executor + " failed"
                    + (callerWaiting ? "" : " after the transaction completed") + "; dispatched before it: " + dispatched
                    + "; not attempted: " + notAttempted, cause);
            tell(config.failureListener(), failure);
        }
    }
}
