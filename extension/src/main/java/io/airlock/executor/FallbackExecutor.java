package io.airlock.executor;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.UsageException;
import io.airlock.internal.failure.FailureText;
import io.airlock.internal.failure.Suppressed;
import io.airlock.internal.observe.ExecutorName;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tries a primary executor and, when it throws, the secondary one. When both fail, the secondary's failure
 * is thrown with the primary's attached as suppressed. An interrupted attempt (or thread) is not a failure to
 * fall back from: the dispatch stops, the interrupt kept, as it does in {@link RetryingExecutor}.
 *
 * <p>It keeps what its delegates promise: a flush opens one batch of the primary (and, at its first
 * failure, one of the secondary for the intents still to go), and an intent dispatches in the transaction
 * when both delegates would. Two delegates that disagree for an intent (one sends inside the transaction,
 * the other after the commit) cannot both be honoured by one fallback: dispatching such an intent fails
 * with a {@link UsageException} that says so, rather than silently moving work across the commit.
 */
public final class FallbackExecutor implements IntentExecutor {

    private static final Logger LOG = Logger.getLogger(FallbackExecutor.class.getName());

    private final IntentExecutor primary;
    private final IntentExecutor secondary;

    public FallbackExecutor(IntentExecutor primary, IntentExecutor secondary) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.secondary = Objects.requireNonNull(secondary, "secondary");
    }

    @Override
    public void execute(Intent intent) throws Exception {
        try {
            primary.execute(intent);
        } catch (Exception primaryFailure) {
            fallBack(intent, primaryFailure, () -> secondary.execute(intent));
        }
    }

    @Override
    public boolean dispatchesInTransaction(Intent intent) {
        boolean first = primary.dispatchesInTransaction(intent);
        if (first != secondary.dispatchesInTransaction(intent)) {
            throw new UsageException("Cannot dispatch " + intent + " through " + this + ": " + (first ? primary : secondary)
                    + " sends it inside the transaction and " + (first ? secondary : primary) + " after the commit, and a fallback "
                    + "cannot honour both. Give the fallback two executors of one mode, or route between them with IntentExecutor.route.");
        }
        return first;
    }

    /** When both delegates do: either may get the intent. */
    @Override
    public boolean honours(String option, Intent intent) {
        return primary.honours(option, intent) && secondary.honours(option, intent);
    }

    @Override
    public Batch openBatch(List<Intent> intents) throws Exception {
        Batch opened;
        try {
            opened = primary.openBatch(intents);
        } catch (Exception primaryFailure) {
            Interruption.stopOn(primaryFailure);
            LOG.log(Level.WARNING, "Opening a batch of {0} intent(s) through {1} failed, falling back to {2}: {3}",
                    new Object[] {intents.size(), primary, secondary, FailureText.of(primaryFailure)});
            try {
                return secondary.openBatch(intents);
            } catch (Exception secondaryFailure) {
                Suppressed.add(secondaryFailure, primaryFailure);
                throw secondaryFailure;
            }
        }
        return new FallbackBatch(intents, opened);
    }

    @FunctionalInterface
    private interface Attempt {
        void run() throws Exception;
    }

    private void fallBack(Intent intent, Exception primaryFailure, Attempt secondaryAttempt) throws Exception {
        Interruption.stopOn(primaryFailure);
        LOG.log(Level.WARNING, "Dispatch of {0} through {1} failed, falling back to {2}: {3}",
                new Object[] {intent, primary, secondary, FailureText.of(primaryFailure)});
        try {
            secondaryAttempt.run();
        } catch (Exception secondaryFailure) {
            Suppressed.add(secondaryFailure, primaryFailure);
            throw secondaryFailure;
        }
    }

    /** One flush: the primary's batch, and the secondary's once the primary failed an intent. */
    private final class FallbackBatch implements Batch {
        private final List<Intent> intents;
        private final Batch first;
        private Batch second;

        FallbackBatch(List<Intent> intents, Batch first) {
            this.intents = intents;
            this.first = first;
        }

        @Override
        public void execute(Intent intent) throws Exception {
            try {
                first.execute(intent);
            } catch (Exception primaryFailure) {
                fallBack(intent, primaryFailure, () -> {
                    if (second == null) {
                        int at = intents.indexOf(intent);
                        second = secondary.openBatch(at < 0 ? List.of(intent) : intents.subList(at, intents.size()));
                    }
                    second.execute(intent);
                });
            }
        }

        /** Closes both; a failure of the second is attached to the first's, so a failed commit is never lost. */
        @Override
        public void close() throws Exception {
            Exception failure = null;
            try {
                first.close();
            } catch (Exception e) {
                failure = e;
            }
            if (second != null) {
                try {
                    second.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        Suppressed.add(failure, e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Override
    public String toString() {
        return "fallback(" + ExecutorName.of(primary) + ", " + ExecutorName.of(secondary) + ")";
    }
}
