package io.airlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a block under a local policy: intents enqueued inside it carry the policy, and at flush it filters
 * them (innermost block first, then the scope's policy). No new buffer is opened: the intents go to the
 * current scope, in order, like any other.
 *
 * <pre>{@code
 * airlock.withPolicy(new DropAll()).run(() -> order.recalculate()); // its intents are dropped at flush
 * }</pre>
 */
public final class LocalPolicy {

    private final Policy policy;

    LocalPolicy(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public <X extends Exception> void run(ScopedRunnable<X> block) throws X {
        Objects.requireNonNull(block, "block");
        call(() -> {
            block.run();
            return null;
        });
    }

    public <R, X extends Exception> R call(ScopedCallable<R, X> block) throws X {
        Objects.requireNonNull(block, "block");
        ThreadState state = ThreadState.obtain();
        List<Policy> previous = state.localPolicies;
        List<Policy> stack = new ArrayList<>(previous.size() + 1);
        stack.addAll(previous);
        stack.add(policy);
        state.localPolicies = List.copyOf(stack);
        try {
            return block.call();
        } finally {
            state.localPolicies = previous;
            ThreadState.releaseIfIdle(state);
        }
    }
}
