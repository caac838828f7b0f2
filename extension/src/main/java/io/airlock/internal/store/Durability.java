package io.airlock.internal.store;

import io.airlock.Airlock;
import io.airlock.DispatchFailure;
import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.UsageException;
import io.airlock.internal.failure.FailureText;
import io.airlock.internal.jms.IntentCodec;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.internal.observe.Observation;
import io.airlock.store.Attempt;
import io.airlock.store.DurableIntents;
import io.airlock.store.IntentState;
import io.airlock.store.IntentStore;
import io.airlock.store.StoredIntent;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The durable store at work: the executors that write intents, the dispatch of a stored intent (right after
 * the commit, or when the relay claims it) and what follows it — completion, or a failed attempt retried with
 * backoff until it is kept as FAILED — and the operations of {@link DurableIntents}.
 */
public final class Durability implements DurableIntents {

    static final Logger LOG = Logger.getLogger("io.airlock.store");

    private final Supplier<IntentStore> storeSource;
    private volatile IntentStore store;
    private final StoreSettings settings;
    private final Function<String, IntentExecutor> executors;
    private final Supplier<TaskRegistry> tasks;
    private final Clock clock;
    private final String owner;
    private final Map<String, IntentExecutor> resolved = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * The ids this instance is dispatching now: a row whose lease expired while its dispatch here outlasted it is
     * claimed again by this instance's relay (which renews its lease), but not dispatched a second time beside the first.
     */
    private final Set<String> dispatching = ConcurrentHashMap.newKeySet();
    private volatile Executor workers = Runnable::run;
    private final Completions completions;

    /**
     * @param executors finds an executor by its configuration name, throwing {@link UsageException} when there is none
     * @param tasks the declared tasks, to decode stored intents
     */
    public Durability(Supplier<IntentStore> store, StoreSettings settings, Function<String, IntentExecutor> executors, Supplier<TaskRegistry> tasks,
            Clock clock) {
        this.storeSource = store;
        this.settings = settings;
        this.executors = executors;
        this.tasks = tasks;
        this.clock = clock;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.completions = new Completions(this, settings.batchSize(), settings.completionDelay());
    }

    /** Where the relay dispatches the intents it claims (a ManagedExecutorService in a server); the relay's thread by default. */
    public void dispatchOn(Executor executor) {
        this.workers = executor;
    }

    /**
     * Writes completions in batches, a partial batch at the latest {@code airlock.store.completion-delay} after its
     * first, timed by {@code scheduler} (the server's ManagedScheduledExecutorService); without one, each
     * completion is written at once.
     */
    public void completeOn(ScheduledExecutorService scheduler) {
        completions.scheduleOn(scheduler);
    }

    /** Writes the completions that wait: before the store is read, and when the application stops. */
    public void flushCompletions() {
        completions.flush();
    }

    /** The store, opened on first use (where the application's naming context is set up). */
    public IntentStore store() {
        IntentStore s = store;
        if (s == null) {
            synchronized (this) {
                s = store;
                if (s == null) {
                    s = storeSource.get();
                    store = s;
                }
            }
        }
        return s;
    }

    public StoreSettings settings() {
        return settings;
    }

    /** This instance's name in the leases it takes. */
    public String owner() {
        return owner;
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public IntentExecutor executor(String executorName) {
        IntentExecutor delegate;
        try {
            delegate = delegate(executorName);
        } catch (RuntimeException noSuchExecutor) {
            throw new UsageException("No executor named '" + executorName + "' for durable intents: " + noSuchExecutor.getMessage(), noSuchExecutor);
        }
        return new DurableExecutor(this, executorName, delegate);
    }

    /** An executor that writes intents and dispatches them through {@code delegate}, known to the relay by {@code executorName}. */
    public IntentExecutor executor(String executorName, IntentExecutor delegate) {
        resolved.putIfAbsent(executorName, delegate);
        return new DurableExecutor(this, executorName, delegate);
    }

    IntentExecutor delegate(String executorName) {
        return resolved.computeIfAbsent(executorName, executors);
    }

    /** The row of an intent about to be written: pending, leased to this instance (its dispatch after the commit is this instance's). */
    StoredIntent row(Intent intent, String executorName, String payload) {
        Instant now = now();
        int maxRetries = intent.options().maxRetries().orElse(settings.maxRetries());
        return new StoredIntent(intent.id(), intent.name(), executorName, payload, IntentState.PENDING, 0, maxRetries, now, now, owner,
                now.plus(settings.lease()), null, List.of());
    }

    /**
     * Dispatches a stored intent once, then completes it or records the failed attempt. Never throws: a
     * failure is logged, reported as a {@link DispatchFailure} saying whether the intent will be retried,
     * and left to the relay.
     */
    void dispatch(StoredIntent row, Intent intent) {
        dispatching.add(row.id());
        try {
            dispatchOnce(row, intent);
        } finally {
            dispatching.remove(row.id());
        }
    }

    private void dispatchOnce(StoredIntent row, Intent intent) {
        IntentExecutor delegate;
        try {
            delegate = delegate(row.executor());
        } catch (RuntimeException noSuchExecutor) {
            giveUp(row, "its executor '" + row.executor() + "' cannot be found: " + noSuchExecutor.getMessage());
            return;
        }
        try {
            delegate.execute(withStoredRetries(row, intent, delegate));
        } catch (Throwable failure) {
            // every failure of the task is an attempt of this intent alone: recorded, retried, reported; only the JVM's
            // own distress (out of memory, an internal error) goes on up once it is recorded
            failed(row, intent, failure);
            if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
                throw (VirtualMachineError) failure;
            }
            return;
        }
        completions.add(row.id());
    }

    /**
     * The intent as its executor gets it: when the executor retries tasks itself ({@code jms}: the receiver has the
     * broker redeliver, so the row completes at the send) and the intent names no {@code maxRetries}, it carries
     * the row's, so a task that fails after the hand-over gets the retries the store would have given it.
     */
    static Intent withStoredRetries(StoredIntent row, Intent intent, IntentExecutor delegate) {
        if (row.maxRetries() == 0 || intent.options().maxRetries().isPresent() || intent.method().isEmpty()
                || !delegate.honours(DispatchOptions.MAX_RETRIES, intent)) {
            return intent;
        }
        Intent retried = Intent.builder(intent.method().get(), intent.args()).id(intent.id()).name(intent.name())
                .origin(intent.origin().orElse(null)).options(intent.options().toBuilder().maxRetries(row.maxRetries()).build()).build();
        Observation.observer().replaced(intent, retried);
        return retried;
    }

    private void failed(StoredIntent row, Intent intent, Throwable failure) {
        int attempt = nextAttemptNumber(row);
        Instant now = now();
        Instant next = row.attempts() < row.maxRetries() ? now.plus(settings.retry().after(row.attempts() + 1)) : null;
        String error = FailureText.of(failure);
        boolean recorded;
        try {
            recorded = store().fail(row, owner, new Attempt(attempt, now, error), next);
        } catch (RuntimeException storeDown) {
            LOG.log(Level.SEVERE, "Intent " + row + " failed (" + error + ") and the failure could not be recorded; the relay will dispatch it "
                    + "again when its lease expires.", storeDown);
            recorded = false;
        }
        LOG.log(next == null ? Level.SEVERE : Level.WARNING, "Dispatch of " + intent + " (intent " + row.id() + ", attempt " + attempt + ") failed"
                + (next == null ? "; no retries left, kept as FAILED for resubmission" : "; retried at " + next) + (recorded ? "" : " (not recorded)"),
                failure);
        if (next != null) {
            Observation.observer().retried(intent, attempt, failure);
        }
        DispatchFailure report = new DispatchFailure(intent, failure, List.of(), List.of(), true, attempt, next);
        try {
            Airlock.get().configuration().failureListener().accept(report);
        } catch (RuntimeException listenerFailure) {
            LOG.log(Level.SEVERE, "A dispatch failure listener failed", listenerFailure);
        }
    }

    /**
     * The number of the attempt after the row's last: counted on from its history (which keeps only the last
     * attempts, and keeps those made before a resubmission), not from the history's length.
     */
    static int nextAttemptNumber(StoredIntent row) {
        List<Attempt> history = row.history();
        return history.isEmpty() ? 1 : Math.max(history.size(), history.get(history.size() - 1).number()) + 1;
    }

    /** Keeps an intent that can never be dispatched as FAILED, with the reason; it never blocks the relay. */
    private void giveUp(StoredIntent row, String reason) {
        LOG.log(Level.SEVERE, "Intent {0} cannot be dispatched and is kept as FAILED: {1}", new Object[] {row, reason});
        try {
            store().fail(row, owner, new Attempt(nextAttemptNumber(row), now(), reason), null);
        } catch (RuntimeException storeDown) {
            LOG.log(Level.SEVERE, "Could not mark intent " + row + " as FAILED", storeDown);
        }
    }

    @Override
    public int relayNow() {
        return outsideTransaction(this::relayPass);
    }

    private int relayPass() {
        completions.flush();
        int room = settings.batchSize() - inFlight.get();
        if (room <= 0) {
            return 0;
        }
        Instant now = now();
        List<StoredIntent> claimed = store().claim(owner, now, now.plus(settings.lease()), room);
        for (StoredIntent row : claimed) {
            if (dispatching.contains(row.id())) {
                LOG.log(Level.FINE, "Intent {0} is still being dispatched here after its lease expired; the claim renewed its lease", row);
                continue;
            }
            inFlight.incrementAndGet();
            try {
                workers.execute(() -> {
                    try {
                        relay(row);
                    } catch (RuntimeException unexpected) { // dispatch records every failure of the task itself
                        LOG.log(Level.SEVERE, "The relay failed on intent " + row + "; it is dispatched again when its lease expires", unexpected);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            } catch (RuntimeException rejected) { // never the work's own: it catches what the relay throws
                inFlight.decrementAndGet();
                LOG.log(Level.WARNING, "Could not hand intent " + row + " to a worker; it is dispatched when its lease expires", rejected);
            }
        }
        if (!settings.keepCompleted().isZero()) {
            store().purgeCompleted(now.minus(settings.keepCompleted()));
        }
        return claimed.size();
    }

    /**
     * Runs store work that writes outside the transaction on the calling thread, if any, as {@link IntentStore} has
     * every method but {@code save} run in a unit of work of its own: a caller's transaction that rolls back must not
     * undo the completions, claims, failures and resubmissions written for it (dispatched intents would be dispatched
     * again when their lease expires), nor run a relayed task before that transaction commits. Reads stay in the
     * caller's transaction, so that it sees the rows it wrote itself.
     */
    <T> T outsideTransaction(Supplier<T> work) {
        List<T> result = new ArrayList<>(1);
        Airlock.get().configuration().transactionSupport().runOutside(() -> result.add(work.get()));
        return result.get(0);
    }

    private void relay(StoredIntent row) {
        Intent intent;
        try {
            IntentCodec.Decoded d = IntentCodec.decode(row.payload(), tasks.get());
            intent = Intent.builder(d.method(), d.args()).id(row.id()).name(d.name()).origin(d.origin()).options(d.options()).build();
            if (!d.trace().isEmpty()) {
                Observation.observer().extract(intent, d.trace()::get);
            }
        } catch (IntentCodec.Rejected | RuntimeException undecodable) {
            giveUp(row, "it cannot be decoded (" + undecodable.getMessage() + "); was its task removed or changed by a redeploy?");
            return;
        }
        dispatch(row, intent);
    }

    @Override
    public List<StoredIntent> pending(int offset, int limit) {
        page(offset, limit);
        completions.flush();
        return store().list(IntentState.PENDING, offset, limit);
    }

    @Override
    public List<StoredIntent> failed(int offset, int limit) {
        page(offset, limit);
        completions.flush();
        return store().list(IntentState.FAILED, offset, limit);
    }

    @Override
    public Optional<StoredIntent> find(String id) {
        if (noRowHas(id)) {
            return Optional.empty();
        }
        completions.flush();
        return store().find(id);
    }

    /** An id holding a NUL: no stored intent has one (refused at enqueue), and PostgreSQL refuses it in a query. */
    private static boolean noRowHas(String id) {
        return id != null && id.indexOf('\0') >= 0;
    }

    @Override
    public long count(IntentState state) {
        completions.flush();
        return store().count(state);
    }

    @Override
    public Optional<Instant> oldestPending() {
        completions.flush();
        return store().oldestPending();
    }

    @Override
    public boolean resubmit(String id) {
        if (noRowHas(id)) {
            return false;
        }
        return outsideTransaction(() -> store().resubmit(id, now()));
    }

    @Override
    public int resubmitAllFailed() {
        return outsideTransaction(() -> store().resubmitAllFailed(now()));
    }

    @Override
    public int purgeCompleted(Duration olderThan) {
        java.util.Objects.requireNonNull(olderThan, "olderThan");
        return outsideTransaction(() -> purge(olderThan));
    }

    private int purge(Duration olderThan) {
        completions.flush();
        Instant before;
        try {
            before = now().minus(olderThan);
        } catch (java.time.DateTimeException | ArithmeticException beyondTime) {
            // older than any instant there is (ChronoUnit.FOREVER): none, or, for a negative duration that far, all
            before = olderThan.isNegative() ? LAST_MILLI : Instant.MIN;
        }
        if (before.isBefore(Instant.EPOCH)) {
            return 0; // no row was completed before 1970
        }
        return store().purgeCompleted(before.isAfter(LAST_MILLI) ? LAST_MILLI : before);
    }

    /** The last instant a row's millisecond column can hold. */
    private static final Instant LAST_MILLI = Instant.ofEpochMilli(Long.MAX_VALUE);

    private static void page(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("A page of intents needs an offset and a limit of 0 or more; got offset " + offset
                    + ", limit " + limit + ".");
        }
    }

    @Override
    public String toString() {
        return "durable intents in " + (store != null ? store : "a store not yet opened");
    }
}
