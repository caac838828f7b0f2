package io.airlock;

import java.util.List;

/**
 * What airlock keeps per thread: the current scope, the local policy stack and whether a policy is being
 * asked. The thread-local value is cleared as soon as all three are back to empty, so pooled server
 * threads keep nothing (no scope, and no reference to the application's class loader) between units of
 * work.
 *
 * <p>Cleared by setting it to null rather than by {@code ThreadLocal.remove()}: the thread's map keeps an
 * entry whose key is weakly held and whose value is null, which references nothing of the application,
 * and the next unit of work on that thread reuses it. {@code remove()} clears the entry's weak reference
 * through a native call, a cost paid on every scope exit (and every {@code @Airlocked} call).
 */
final class ThreadState {

    private static final ThreadLocal<ThreadState> CURRENT = new ThreadLocal<>();

    Scope scope;
    List<Policy> localPolicies = List.of();
    int judging;
    /** The context of this thread's last intent, shared by the next one when nothing changed (see {@link EnqueueContext}). */
    EnqueueContext lastContext;

    static ThreadState current() {
        return CURRENT.get();
    }

    static ThreadState obtain() {
        ThreadState state = CURRENT.get();
        if (state == null) {
            state = new ThreadState();
            CURRENT.set(state);
        }
        return state;
    }

    /**
     * Marks this thread as judging (a policy, a local policy or {@code beforeDescendantFlushes} runs): an enqueue now
     * throws {@link PolicyEnqueueException}. Pair with {@link #stopJudging()} in a finally block.
     */
    static ThreadState startJudging() {
        ThreadState state = obtain();
        state.judging++;
        return state;
    }

    void stopJudging() {
        judging--;
        releaseIfIdle(this);
    }

    /** Drops the thread-local entry when nothing is left in it. */
    static void releaseIfIdle(ThreadState state) {
        if (state.scope == null && state.judging == 0 && state.localPolicies.isEmpty()) {
            CURRENT.set(null);
        }
    }

    /**
     * Clears whatever an earlier unit of work left on this thread and returns the scope it left, if any. The
     * integrations never need it (they exit every scope they enter, in a finally block); tests use it to
     * check and repair a thread.
     */
    static Scope clear() {
        ThreadState state = CURRENT.get();
        CURRENT.set(null);
        return state == null ? null : state.scope;
    }
}
