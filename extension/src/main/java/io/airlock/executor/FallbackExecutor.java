package io.airlock.executor;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tries a primary executor and, when it throws, the secondary one. When both fail, the secondary's failure
 * is thrown with the primary's attached as suppressed.
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
            LOG.log(Level.WARNING, "Dispatch of {0} through {1} failed, falling back to {2}: {3}",
                    new Object[] {intent, primary, secondary, primaryFailure.toString()});
            try {
                secondary.execute(intent);
            } catch (Exception secondaryFailure) {
                secondaryFailure.addSuppressed(primaryFailure);
                throw secondaryFailure;
            }
        }
    }

    @Override
    public String toString() {
        return "fallback(" + primary + ", " + secondary + ")";
    }
}
