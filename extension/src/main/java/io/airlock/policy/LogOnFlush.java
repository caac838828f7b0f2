package io.airlock.policy;

import io.airlock.Intent;
import io.airlock.Policy;
import io.airlock.UsageException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs each intent it is asked about as the scope flushes (at INFO, logger {@code io.airlock} unless given another),
 * and allows it. It logs what reaches it: in {@link io.airlock.Policy#allOf} put it last, so that it logs what the
 * policies before it allow; as a scope's policy it is asked after the local policies, so it logs what they let through.
 */
public class LogOnFlush implements Policy {

    private final Logger logger;

    public LogOnFlush() {
        this(Logger.getLogger("io.airlock"));
    }

    /**
     * @param logger where the intents are logged
     * @throws UsageException if {@code logger} is null
     */
    public LogOnFlush(Logger logger) {
        if (logger == null) {
            throw new UsageException("LogOnFlush needs a logger, got null. Pass one, or use new LogOnFlush() for the logger io.airlock.");
        }
        this.logger = logger;
    }

    @Override
    public boolean allows(Intent intent) {
        logger.log(Level.INFO, "Flushing intent {0} (id {1})", new Object[] {intent, intent.id()});
        return true;
    }

    @Override
    public String toString() {
        return "LogOnFlush(" + logger.getName() + ")";
    }
}
