package io.airlock;

import io.airlock.executor.RoutingExecutor;
import io.airlock.internal.observe.ExecutorName;
import io.airlock.internal.observe.Observation;
import io.airlock.internal.store.DurableExecutor;
import io.airlock.policy.AllowAll;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;

/**
 * A buffer of intents with a lifecycle: it decides WHEN buffered side effects escape.
 *
 * <p>Most code never touches a scope directly: {@code @Airlocked}, the HTTP request and
 * {@link Airlock#run} open and close scopes. Integrations drive the lifecycle by hand:
 * <pre>{@code
 * Scope scope = new Scope(policy, executor).enter();
 * Throwable error = null;
 * try {
 *     work();
 * } catch (Throwable t) {
 *     error = t;
 *     throw t;
 * } finally {
 *     scope.exit();
 *     if (scope.shouldFlush(error)) scope.flush(); else scope.discard();
 * }
 * }</pre>
 *
 * <p>A scope is single-use: after {@link #flush()} or {@link #discard()} it takes no more intents. Scopes
 * nest: a scope entered while another is active has it as its {@linkplain #parent() parent}, and when the
 * inner one flushes, every ancestor (innermost first) decides through
 * {@link #beforeDescendantFlushes} which intents may go and captures the rest into its own buffer. By
 * default an ancestor captures everything: the outermost scope has authority.
 *
 * <p>Subclasses customise three things, as the original library allows: {@link #shouldFlush} (flush or
 * discard on exit), {@link #beforeDescendantFlushes} (what nested scopes may flush on their own) and
 * {@link #dispatch} (when the allowed intents are handed to the executor).
 */
public class Scope {

    private final Policy policy;
    private final IntentExecutor executor;
    private List<Intent> intents = new ArrayList<>();
    private List<Intent> captured = List.of();
    /** The executors chosen for captured intents by the scopes they come from; empty when none chose one. */
    private Map<Intent, IntentExecutor> chosenExecutors = Map.of();
    private boolean executorChosen;
    /** Whether this scope's intents will be written to the durable store: only transportable intents are taken. */
    private boolean durable;
    private Scope parent;
    private Thread thread;
    private boolean active;
    private boolean flushed;
    private boolean discarded;
    /** The most intents this buffer holds, own and captured (see {@link #maxIntents(int)}). */
    private int maxIntents = Engine.get().config().maxIntents();

    /** A scope that allows everything and dispatches synchronously. */
    public Scope() {
        this(new AllowAll(), IntentExecutor.sync());
    }

    public Scope(Policy policy, IntentExecutor executor) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Makes this the current scope of this thread; the scope that was current becomes its parent.
     *
     * @return this scope
     * @throws ScopeStateException if this scope is already active
     */
    public final Scope enter() {
        if (active) {
            throw new ScopeStateException("Scope is already active; a scope is entered once.");
        }
        ThreadState state = ThreadState.obtain();
        parent = state.scope;
        state.scope = this;
        durable = executor instanceof DurableExecutor || parent != null && parent.durable && !executorChosen;
        thread = Thread.currentThread();
        active = true;
        return this;
    }

    /**
     * Makes the parent current again. Call it before {@link #flush()} or {@link #discard()}, on the thread
     * that entered the scope, after exiting any scope entered inside this one.
     *
     * @throws ScopeStateException if this scope is not active or is not the current scope of this thread
     */
    public final void exit() {
        if (!active) {
            throw new ScopeStateException(flushed || discarded
                    ? "Scope is not active: it was exited and " + (flushed ? "flushed" : "discarded") + " already. A scope is single-use; open a new one."
                    : "Scope is not active: enter() it before exit(), and exit it once.");
        }
        if (thread != Thread.currentThread()) {
            throw new ScopeStateException("Scope was entered on thread " + thread.getName() + " and must be exited there, not on "
                    + Thread.currentThread().getName() + ".");
        }
        ThreadState state = ThreadState.current();
        if (state == null || state.scope != this) {
            throw new ScopeStateException("Cannot exit a scope while a scope entered inside it is still active: exit the inner scope first.");
        }
        state.scope = parent;
        active = false;
        ThreadState.releaseIfIdle(state);
    }

    /**
     * Exits this scope like {@link #exit()}, first closing any scope entered inside it that was left active (code
     * that opened a scope and never exited it): those are marked inactive and their intents are never flushed.
     * For integrations that open a scope around a unit of work, in a {@code finally} block, so that the thread
     * keeps nothing of the work whatever it did; {@code run}, {@code call}, {@code @Airlocked} and the HTTP
     * request use it.
     *
     * @return true if a scope entered inside this one had been left active
     * @throws ScopeStateException if this scope is no longer on this thread: the work exited it itself, or
     *     cleared the thread's airlock state. Whatever the work left on the thread above this scope's parent is
     *     taken off it first. Also if the scope was never entered, or was entered on another thread.
     */
    public final boolean exitUnwinding() {
        if (thread != Thread.currentThread()) {
            exit();   // throws: never entered, or entered on another thread
        }
        ThreadState state = ThreadState.current();
        Scope current = state == null ? null : state.scope;
        if (active && current == this) {
            exit();
            return false;
        }
        if (active && isBelow(current, this)) {
            deactivateFrom(current, this);
            state.scope = this;
            exit();
            return true;
        }
        boolean exitedByTheWork = !active;
        active = false;
        if (state != null && (parent == null || isBelow(current, parent) || current == parent)) {
            deactivateFrom(current, parent);
            state.scope = parent;
            ThreadState.releaseIfIdle(state);
        }
        throw new ScopeStateException(exitedByTheWork
                ? "Scope was already exited while its work ran. Airlock exits the scope of a run/call block, an @Airlocked method and an "
                        + "HTTP request itself; do not call exit() on it. Its intents were not flushed."
                : "Scope is no longer on this thread: the thread's airlock state was cleared while it was active. Its intents were not flushed.");
    }

    /** Whether {@code ancestor} is a strict ancestor of {@code scope}. */
    private static boolean isBelow(Scope scope, Scope ancestor) {
        for (Scope s = scope == null ? null : scope.parent; s != null; s = s.parent) {
            if (s == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Marks {@code from} and its ancestors inactive, up to {@code stop} (excluded; null: all of them). */
    private static void deactivateFrom(Scope from, Scope stop) {
        for (Scope s = from; s != null && s != stop; s = s.parent) {
            s.active = false;
        }
    }

    /**
     * Decides, when a callback block ends, whether to flush or discard. The default flushes on normal
     * completion ({@code error == null}) and discards on any exception.
     */
    public boolean shouldFlush(Throwable error) {
        return error == null;
    }

    /**
     * Whether intents captured from a nested scope whose executor was chosen explicitly (through
     * {@link ScopeRunner#executor}, {@code @Airlocked(executor = ...)}) are dispatched through that executor
     * when this scope flushes; the rest go through this scope's. The default is true: the executor chosen
     * for a piece of work travels with its intents, as local policies do, while this scope's policy still
     * judges them. Override to return false to run everything this scope dispatches with its own executor.
     */
    public boolean honoursChosenExecutors() {
        return true;
    }

    /**
     * Asked, on every ancestor of a flushing scope (innermost first), which of its intents it may flush; the
     * ancestor captures the others into its own buffer, where its policy judges them when it flushes.
     *
     * <p>Every ancestor is asked, also with an empty list (when the scope has nothing to flush, or a nearer
     * ancestor captured everything).
     *
     * @param exitingScope the scope that is flushing (always the innermost one, not necessarily a child)
     * @param intents the intents that scope wants to flush, unmodifiable, possibly empty
     * @return the intents to let through, a sublist of {@code intents} (not null); the default captures
     *     everything by returning an empty list. The order of the returned list does not matter and an intent
     *     listed twice counts once: what goes on keeps enqueue order. Intents not offered are an error.
     */
    public List<Intent> beforeDescendantFlushes(Scope exitingScope, List<Intent> intents) {
        return List.of();
    }

    /**
     * Flushes: ancestors capture what they do not let through, then local policies (innermost first) and
     * this scope's policy filter the rest in enqueue order, and {@link #dispatch} hands them on.
     *
     * <p>The scope counts as flushed even if dispatch fails: a half-dispatched batch is never retried.
     *
     * @return the intents handed to dispatch, in order
     * @throws ScopeStateException if the scope is active, flushed or discarded
     */
    public final List<Intent> flush() {
        checkFinishable("flush");
        flushed = true;
        long observed = Observation.observer().flushStarting();
        List<Intent> allowed = parent == null ? intents : askAncestors(new ArrayList<>(intents));
        List<Intent> toDispatch;
        if (policy instanceof AllowAll && withoutLocalPolicies(allowed)) {
            // no policy to ask, so none can try to enqueue; the buffer (or the ancestors' fresh list) is handed on as
            // it is: a flushed scope takes no more intents, so it never changes again
            toDispatch = allowed;
        } else {
            toDispatch = new ArrayList<>(allowed.size());
            ThreadState judging = ThreadState.startJudging();
            try {
                for (Intent intent : allowed) {
                    boolean local = intent.passesLocal();
                    if (local && policy.allows(intent)) {
                        toDispatch.add(intent);
                    } else {
                        Observation.observer().dropped(intent, local ? policy.getClass().getSimpleName() : "local policy");
                    }
                }
            } finally {
                judging.stopJudging();
            }
        }
        List<Intent> result = Collections.unmodifiableList(toDispatch);
        try {
            dispatch(result);
        } finally {
            Observation.observer().flushed(result.size(), observed); // a failed flush took its time too
        }
        return result;
    }

    /**
     * Drops every buffered intent.
     *
     * @return the intents that were dropped
     * @throws ScopeStateException if the scope is active, flushed or discarded
     */
    public final List<Intent> discard() {
        checkFinishable("discard");
        return drop();
    }

    /** Ends this scope discarded: its buffer (its own intents and those it captured) is dropped, reported and handed back as it is. */
    private List<Intent> drop() {
        flushed = false;
        discarded = true;
        List<Intent> dropped = Collections.unmodifiableList(intents);
        intents = new ArrayList<>(0); // the buffer is handed back as it is, not copied
        captured = List.of(); // they were part of the buffer
        Observation.observer().discarded(dropped);
        return dropped;
    }

    private static boolean withoutLocalPolicies(List<Intent> batch) {
        for (Intent intent : batch) {
            if (!intent.localPolicies().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hands the intents that survived the policies to the executor. The default dispatches now, or, when a
     * JTA transaction is active, after it commits (nothing on rollback); an intent enqueued in a transaction
     * that rolled back never escapes. Override to defer dispatch, and call {@code super.dispatch} (or
     * {@link #execute}) when the time has come. Called on every flush, also with an empty list.
     */
    protected void dispatch(List<Intent> intents) {
        Engine.get().dispatch(intents, dispatchingExecutor());
    }

    /**
     * Runs the intents through this scope's executor now, in order, fail-fast: the first failure is reported
     * and thrown, and the remaining intents are not attempted.
     */
    protected final void execute(List<Intent> intents) {
        Engine.get().execute(intents, dispatchingExecutor());
    }

    /** This scope's executor, or a route that sends each captured intent whose executor was chosen through that one. */
    private IntentExecutor dispatchingExecutor() {
        if (chosenExecutors.isEmpty() || !honoursChosenExecutors()) {
            return executor;
        }
        Map<Intent, IntentExecutor> chosen = chosenExecutors;
        return new RoutingExecutor(intent -> chosen.getOrDefault(intent, executor), "the chosen executor of each intent, else " + ExecutorName.of(executor));
    }

    /** The executor chosen for this intent of this scope's buffer, if one travels with it. */
    private IntentExecutor chosenFor(Intent intent) {
        IntentExecutor chosen = chosenExecutors.get(intent);
        return chosen != null ? chosen : executorChosen ? executor : null;
    }

    /** Marks the executor as chosen explicitly for this scope's work, so that it travels with the intents an ancestor captures. */
    final Scope executorChosen() {
        executorChosen = true;
        return this;
    }

    /** Every buffered intent, own and captured, in the order they entered this buffer. */
    public List<Intent> intents() {
        return List.copyOf(intents);
    }

    /** The intents enqueued directly in this scope. */
    public List<Intent> ownIntents() {
        if (captured.isEmpty()) {
            return intents();
        }
        Set<Intent> capturedSet = identitySet(captured);
        List<Intent> own = new ArrayList<>();
        for (Intent i : intents) {
            if (!capturedSet.contains(i)) {
                own.add(i);
            }
        }
        return Collections.unmodifiableList(own);
    }

    /** The intents captured from nested scopes that flushed inside this one. */
    public List<Intent> capturedIntents() {
        return List.copyOf(captured);
    }

    /** True between {@link #enter()} and {@link #exit()}. */
    public boolean isActive() {
        return active;
    }

    public boolean isFlushed() {
        return flushed;
    }

    public boolean isDiscarded() {
        return discarded;
    }

    /** The scope that was current when this one was entered. */
    public Optional<Scope> parent() {
        return Optional.ofNullable(parent);
    }

    public Policy policy() {
        return policy;
    }

    public IntentExecutor executor() {
        return executor;
    }

    /**
     * Bounds this scope's buffer: once it holds {@code max} intents (its own and those captured from nested
     * scopes), the next enqueue into it, or the next capture, fails with {@link ScopeCapacityException}, and the
     * buffer keeps what it had. For long-running work (a migration, a bulk import) that would otherwise keep every
     * intent in memory until its single flush; such work flushes in chunks instead, one scope per chunk, where no
     * scope encloses the chunks (an enclosing scope captures them until it ends). The
     * default is the application's ({@code airlock.scope.max-intents}, {@link AirlockConfig#maxIntents()}).
     *
     * @param max at least 1
     * @return this scope
     */
    public final Scope maxIntents(int max) {
        checkMaxIntents(max);
        this.maxIntents = max;
        return this;
    }

    /** The most intents this scope buffers; {@link Integer#MAX_VALUE} when it is not bounded. */
    public final int maxIntents() {
        return maxIntents;
    }

    static void checkMaxIntents(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxIntents must be at least 1, got " + max + "; Integer.MAX_VALUE means no limit.");
        }
    }

    private ScopeCapacityException full(String what, int adding, boolean capture) {
        String fix = capture
                ? "This scope encloses the nested one, so it captures its intents, which escape only when the outermost scope ends: "
                        + "chunks run inside it (in an HTTP request, under an @Airlocked caller or an airlock.run block) do not escape one by "
                        + "one. Run long-running work in chunks where no scope encloses them (a ManagedExecutorService task, a timer, a batch "
                        + "job; docs/core-model.md), or raise the limit."
                : "Flush long-running work in chunks, one scope per chunk (airlock.run(() -> importChunk(rows)), or an @Airlocked method "
                        + "called per chunk), so that each chunk's intents escape when it completes; that needs the chunks to run where no "
                        + "scope encloses them (an HTTP request's, an @Airlocked caller's scope captures every chunk until it ends). Or raise "
                        + "the limit.";
        return new ScopeCapacityException("Cannot " + what + ": " + this + " holds " + intents.size() + " intent(s), and its limit is "
                + maxIntents + " (airlock.scope.max-intents, or maxIntents(...) on the scope). " + fix, maxIntents, intents.size() + adding);
    }

    @Override
    public String toString() {
        String state = active ? "active" : flushed ? "flushed" : discarded ? "discarded" : "inactive";
        return getClass().getSimpleName() + "[" + state + ", " + intents.size() + " intent(s), policy " + policy + ", executor " + executor + "]";
    }

    /** Buffers an intent; the scope policy may refuse it. */
    final void add(Intent intent) {
        if (flushed || discarded) {
            throw new ScopeStateException("Cannot enqueue " + intent + ": the scope has been " + (flushed ? "flushed" : "discarded")
                    + ". A scope is single-use; open a new one.");
        }
        if (durable) {
            String why = DurableExecutor.whyNotDurable(intent);
            if (why != null) {
                throw new UsageException("Cannot enqueue " + intent + " into a scope whose intents are durable (" + executor + "): " + why);
            }
        }
        if (!intent.options().isEmpty()) {
            checkOptions(intent);
        }
        if (intents.size() >= maxIntents) {
            throw full("enqueue " + intent, 1, false);
        }
        if (!(policy instanceof AllowAll)) {
            ThreadState judging = ThreadState.startJudging();
            try {
                policy.onEnqueue(intent);
            } finally {
                judging.stopJudging();
            }
        }
        intents.add(intent);
    }

    /**
     * Refuses an intent with a well-known option that an executor which may dispatch it cannot honour: this scope's,
     * and each ancestor's that would dispatch it once captured (not when an executor chosen below it travels with
     * the intent).
     */
    private void checkOptions(Intent intent) {
        boolean chosenBelow = false;
        for (Scope s = this; s != null; s = s.parent) {
            if (!chosenBelow || !s.honoursChosenExecutors()) {
                for (String option : intent.options().asMap().keySet()) {
                    String honouredBy = DispatchOptions.honouredBy(option);
                    if (honouredBy != null && !s.executor.honours(option, intent)) {
                        String noMethod = intent.whyNoMethod();
                        // the jms executor honours options for the intents it sends, and runs method-less ones in-process
                        String honoured = noMethod == null ? "It is honoured by " + honouredBy
                                : "It is honoured by " + honouredBy + ", but an executor that sends intents as messages honours it only "
                                        + "for an intent that carries its method's identity, and this one carries none: " + noMethod;
                        throw new UsageException("Cannot enqueue " + intent + " with dispatch option '" + option + "': " + ExecutorName.of(s.executor) + ", the executor "
                                + (s == this ? "of its scope" : "of an enclosing scope that dispatches it") + ", cannot honour it"
                                + (noMethod == null ? "" : " for this intent") + ", and the option would be lost. " + honoured
                                + (noMethod == null ? ": choose" : ". Choose") + " one for the scope (airlock.scope().executor(...), "
                                + "@Airlocked(executor = \"...\"), airlock.executor), or leave the option out.");
                    }
                }
            }
            chosenBelow |= s.executorChosen;
        }
    }

    private void checkFinishable(String operation) {
        if (flushed) {
            throw new ScopeStateException("Cannot " + operation + ": the scope has already been flushed.");
        }
        if (discarded) {
            throw new ScopeStateException("Cannot " + operation + ": the scope has already been discarded.");
        }
        if (active) {
            throw new ScopeStateException("Cannot " + operation + " while the scope is still active: call exit() first.");
        }
    }

    /**
     * Asks every ancestor, innermost first, what it lets through, and has each capture the rest. All-or-nothing: every
     * ancestor is asked and every capture checked (its capacity, its policy's {@code onEnqueue}) before any ancestor takes
     * an intent, so a refusal by a farther ancestor leaves no intent captured by a nearer one (where it could escape if
     * the refusal were caught) and none lost.
     */
    private List<Intent> askAncestors(List<Intent> pending) {
        try {
            return askEachAncestor(pending);
        } catch (RuntimeException | Error refused) {
            // no ancestor took any of them, and nothing will send them: the flush ends as a discard, and the failure says why
            drop();
            throw refused;
        }
    }

    private List<Intent> askEachAncestor(List<Intent> pending) {
        List<Scope> capturing = new ArrayList<>(2);
        List<List<Intent>> takenBy = new ArrayList<>(2);
        for (Scope ancestor = parent; ancestor != null; ancestor = ancestor.parent) {
            List<Intent> allowed = ancestor.letThrough(this, Collections.unmodifiableList(pending));
            if (allowed == null) {
                throw new UsageException(ancestor.getClass().getName() + ".beforeDescendantFlushes returned null; "
                        + "return the intents the nested scope may flush (an empty list captures them all).");
            }
            List<Intent> taken;
            if (allowed.isEmpty()) {
                taken = pending;
                pending = List.of();
            } else {
                Set<Intent> allowedSet = identitySet(allowed);
                List<Intent> kept = new ArrayList<>(allowed.size());
                taken = new ArrayList<>();
                for (Intent i : pending) {
                    (allowedSet.remove(i) ? kept : taken).add(i);
                }
                if (!allowedSet.isEmpty()) {
                    throw new UsageException(ancestor.getClass().getName() + ".beforeDescendantFlushes returned intents that were not offered to it: "
                            + allowedSet + ". Return a sublist of the intents it was given.");
                }
                pending = kept;
            }
            if (!taken.isEmpty()) {
                ancestor.checkCapture(taken);
                capturing.add(ancestor);
                takenBy.add(taken);
            }
        }
        for (int i = 0; i < capturing.size(); i++) {
            capturing.get(i).capture(takenBy.get(i), this);
        }
        return pending;
    }

    /** {@link #beforeDescendantFlushes}, asked as a policy is: it judges, it never enqueues. */
    private List<Intent> letThrough(Scope exiting, List<Intent> offered) {
        ThreadState judging = ThreadState.startJudging();
        try {
            return beforeDescendantFlushes(exiting, offered);
        } finally {
            judging.stopJudging();
        }
    }

    /** Throws if this scope cannot capture {@code taken}: it would be over its capacity, or its policy refuses one of them. */
    private void checkCapture(List<Intent> taken) {
        if (taken.size() > maxIntents - intents.size()) {
            throw full("capture the " + taken.size() + " intent(s) of a nested scope that flushed", taken.size(), true);
        }
        if (!(policy instanceof AllowAll)) {
            // buffered here if every ancestor agrees: this scope's policy is told of each, and a refusal fails the nested flush
            ThreadState judging = ThreadState.startJudging();
            try {
                for (Intent intent : taken) {
                    policy.onEnqueue(intent);
                }
            } finally {
                judging.stopJudging();
            }
        }
    }

    /** Takes {@code taken}, which {@link #checkCapture} accepted, from the nested scope {@code from}. */
    private void capture(List<Intent> taken, Scope from) {
        if (from.executorChosen || !from.chosenExecutors.isEmpty()) {
            for (Intent intent : taken) {
                IntentExecutor chosen = from.chosenFor(intent);
                if (chosen != null) {
                    if (chosenExecutors.isEmpty()) {
                        chosenExecutors = new IdentityHashMap<>();
                    }
                    chosenExecutors.put(intent, chosen);
                }
            }
        }
        if ((flushed || discarded) && Engine.LOG.isLoggable(Level.WARNING)) {
            // as in a scope that is still open: captured, so the ancestor keeps its authority; but nothing will send them
            Engine.LOG.warning(this + " captured " + taken.size() + " intent(s) " + taken + " of a nested scope that flushed after it had been "
                    + (flushed ? "flushed" : "discarded") + ": they will not be dispatched. Flush or discard a nested scope before its "
                    + "enclosing scope.");
        }
        if (captured.isEmpty()) {
            captured = new ArrayList<>(taken.size());
        }
        captured.addAll(taken);
        if (flushed) {
            intents = new ArrayList<>(intents); // the flushed buffer itself went to dispatch: it must not grow
        }
        intents.addAll(taken);
    }

    private static Set<Intent> identitySet(List<Intent> list) {
        Set<Intent> set = Collections.newSetFromMap(new IdentityHashMap<>(list.size() * 2));
        set.addAll(list);
        return set;
    }
}
