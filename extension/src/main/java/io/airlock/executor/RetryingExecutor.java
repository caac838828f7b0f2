package io.airlock.executor;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.UndeliverableIntentException;
import io.airlock.internal.failure.FailureText;
import io.airlock.internal.failure.Suppressed;
import io.airlock.internal.observe.ExecutorName;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tries a delegate executor up to a number of attempts, waiting between them. When every attempt fails,
 * the last failure is thrown with the earlier ones attached as suppressed exceptions.
 *
 * <p>It keeps what the delegate promises: a flush opens one batch of the delegate (a failed attempt closes
 * that batch and the next attempt opens a new one for the intents still to go, since a failure can leave a
 * batch's connection unusable), and each intent dispatches in the transaction exactly when the delegate's
 * would. Opening a batch is retried as a dispatch is (a broker that cannot be reached fails there, before anything
 * is sent), each failed opening counting as an attempt of the batch's first intent. An
 * {@link UndeliverableIntentException}, from opening a batch or from a dispatch, is never retried: it says the intent
 * cannot be sent at all. A wait the backoff gives beyond what a {@code long} of milliseconds
 * holds is that long; a backoff that fails (or gives null) ends the retries, its failure attached to the task's.
 * An intent with a {@code timeToLive} is not tried again once the next attempt would come after it, counted from its
 * first attempt: the last failure is thrown.
 */
public final class RetryingExecutor implements IntentExecutor {

    private static final Logger LOG = Logger.getLogger(RetryingExecutor.class.getName());

    private final IntentExecutor delegate;
    private final int attempts;
    private final Backoff backoff;

    public RetryingExecutor(IntentExecutor delegate, int attempts, Backoff backoff) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.attempts = attempts;
    }

    @Override
    public void execute(Intent intent) throws Exception {
        retry(intent, () -> delegate.execute(intent), null);
    }

    @Override
    public Batch openBatch(List<Intent> intents) throws Exception {
        if (intents.isEmpty()) {
            return new RetryingBatch(intents, delegate.openBatch(intents));
        }
        Batch[] opened = new Batch[1];
        retry(intents.get(0), () -> opened[0] = delegate.openBatch(intents), null);
        return new RetryingBatch(intents, opened[0]);
    }

    @Override
    public boolean dispatchesInTransaction(Intent intent) {
        return delegate.dispatchesInTransaction(intent);
    }

    /** As the delegate: retrying the hand-over is not {@code maxRetries}, which counts redeliveries of a failed task. */
    @Override
    public boolean honours(String option, Intent intent) {
        return delegate.honours(option, intent);
    }

    @FunctionalInterface
    private interface Attempt {
        void run() throws Exception;
    }

    private void retry(Intent intent, Attempt attempt, Runnable beforeNext) throws Exception {
        Exception last = null;
        Duration timeToLive = intent.options().timeToLive().orElse(null);
        long started = timeToLive == null ? 0 : System.nanoTime();
        for (int n = 1; ; n++) {
            try {
                attempt.run();
                return;
            } catch (Exception e) {
                if (last != null) {
                    Suppressed.add(e, last);
                }
                last = e;
                Interruption.stopOn(e);
                if (n == attempts || e instanceof UndeliverableIntentException) {
                    throw e;
                }
                LOG.log(Level.WARNING, "Dispatch of {0} failed (attempt {1} of {2}): {3}", new Object[] {intent, n, attempts, FailureText.of(e)});
                io.airlock.internal.observe.Observation.observer().retried(intent, n, e);
                long wait;
                try {
                    wait = millis(backoff.before(n));
                } catch (RuntimeException broken) { // the backoff's own failure never replaces the task's
                    Suppressed.add(e, broken);
                    throw e;
                }
                if (expires(intent, timeToLive, started, wait, "will have passed by the next attempt")) {
                    throw e; // an attempt after its time to live would run what the intent said must not run any more
                }
                if (wait > 0) {
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        Suppressed.add(e, interrupted);
                        throw e;
                    }
                }
                if (expires(intent, timeToLive, started, 0, "passed during the wait")) { // the wait overslept it
                    throw e;
                }
                if (beforeNext != null) {
                    beforeNext.run();
                }
            }
        }
    }

    /**
     * Whether an attempt {@code wait} ms from now would come after the intent's time to live (none: never), counted from
     * its first attempt at {@code started}; logged, saying {@code when}, if it would.
     */
    private static boolean expires(Intent intent, Duration timeToLive, long started, long wait, String when) {
        if (timeToLive == null || wait < timeToLive.toMillis() - (System.nanoTime() - started) / 1_000_000) {
            return false;
        }
        LOG.log(Level.WARNING, "Dispatch of {0} is not retried: its timeToLive of {1} " + when, new Object[] {intent, timeToLive});
        return true;
    }

    /** The wait in milliseconds: none for zero or a negative wait, the longest there is for one beyond it. */
    private long millis(Duration wait) {
        if (wait == null) {
            throw new NullPointerException("the backoff " + backoff + " gave no wait (null)");
        }
        if (wait.isZero() || wait.isNegative()) {
            return 0;
        }
        try {
            return wait.toMillis();
        } catch (ArithmeticException beyondALong) {
            return Long.MAX_VALUE;
        }
    }

    /** One flush through the delegate's batches: a new one after each failed attempt. */
    private final class RetryingBatch implements Batch {
        private final List<Intent> intents;
        private Batch current;
        private boolean broken;
        private int position;
        /** The commit of a failed attempt's batch that failed: its intents were not dispatched. */
        private io.airlock.BatchRolledBackException rolledBack;

        RetryingBatch(List<Intent> intents, Batch first) {
            this.intents = intents;
            this.current = first;
        }

        @Override
        public void execute(Intent intent) throws Exception {
            int at = indexOf(intent);
            retry(intent, () -> {
                if (broken) {
                    current = delegate.openBatch(at < 0 ? List.of(intent) : intents.subList(at, intents.size()));
                    broken = false;
                }
                current.execute(intent);
            }, this::closeBroken);
        }

        private void closeBroken() {
            if (broken) {
                return; // opening its successor failed: nothing new to close
            }
            broken = true;
            try {
                current.close();
            } catch (io.airlock.BatchRolledBackException e) {
                // what went before the failed attempt did not commit: reported when this batch closes
                if (rolledBack == null) {
                    rolledBack = e;
                } else {
                    Suppressed.add(rolledBack, e);
                }
            } catch (Exception e) {
                LOG.log(Level.FINE, "Closing the failed batch of " + delegate + " failed", e);
            }
        }

        /** Where the intent stands in the flush: intents come in order, so the search starts where the last one was. */
        private int indexOf(Intent intent) {
            for (int i = position; i < intents.size(); i++) {
                if (intents.get(i) == intent) {
                    position = i + 1;
                    return i;
                }
            }
            return -1;
        }

        @Override
        public void close() throws Exception {
            if (rolledBack == null) {
                if (!broken) {
                    current.close();
                }
                return;
            }
            if (!broken) {
                try {
                    current.close();
                } catch (io.airlock.BatchRolledBackException e) {
                    Suppressed.add(rolledBack, e);
                }
            }
            throw rolledBack;
        }
    }

    @Override
    public String toString() {
        return "retry(" + ExecutorName.of(delegate) + ", " + attempts + ")";
    }
}
