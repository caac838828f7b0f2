package io.airlock.policy;

import io.airlock.Intent;
import io.airlock.Policy;
import io.airlock.PolicyViolationException;
import io.airlock.UsageException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * Drops intents whose name is in a set, and lets the others through. Blocked intents stay buffered while
 * the scope is open; they are dropped at flush. Optionally it refuses them at enqueue instead.
 *
 * <pre>{@code
 * airlock.scope().policy(new BlockTasks("sendConfirmation")).run(() -> order.process());
 * }</pre>
 */
public class BlockTasks implements Policy {

    private final Set<String> blocked;
    private final boolean throwOnEnqueue;

    /** Blocks the named tasks; they are dropped at flush. */
    public BlockTasks(String... names) {
        this(names == null ? null : Arrays.asList(names), false);
    }

    /**
     * Blocks the named tasks.
     *
     * @param throwOnEnqueue when true, enqueueing a blocked task throws {@link PolicyViolationException}
     */
    public BlockTasks(Collection<String> names, boolean throwOnEnqueue) {
        if (names == null || names.stream().anyMatch(n -> n == null)) {
            throw new UsageException("BlockTasks needs task names, got " + names + ". Pass each name (an intent's name: the method's "
                    + "name, or an ad-hoc task's), without nulls.");
        }
        this.blocked = Set.copyOf(names);
        this.throwOnEnqueue = throwOnEnqueue;
    }

    /** Blocks the named tasks and refuses them at enqueue with {@link PolicyViolationException}. */
    public static BlockTasks throwingOnEnqueue(String... names) {
        return new BlockTasks(names == null ? null : Arrays.asList(names), true);
    }

    public Set<String> blocked() {
        return blocked;
    }

    @Override
    public void onEnqueue(Intent intent) {
        if (throwOnEnqueue && blocked.contains(intent.name())) {
            throw new PolicyViolationException("Task '" + intent.name() + "' is blocked in this scope and cannot be enqueued (BlockTasks " + blocked + ").");
        }
    }

    /**
     * {@code false} for a blocked task. Throwing on enqueue, a blocked task throws {@link PolicyViolationException}
     * here too: a local policy is asked only at flush, and then the flush throws, dispatching nothing, rather than
     * dropping it silently.
     */
    @Override
    public boolean allows(Intent intent) {
        if (!blocked.contains(intent.name())) {
            return true;
        }
        if (throwOnEnqueue) {
            throw new PolicyViolationException("Task '" + intent.name() + "' is blocked in this block and cannot be dispatched (BlockTasks " + blocked
                    + "); nothing of this flush is dispatched.");
        }
        return false;
    }

    @Override
    public String toString() {
        return "BlockTasks" + blocked + (throwOnEnqueue ? " (throwing on enqueue)" : "");
    }
}
