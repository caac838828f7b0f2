package io.airlock.policy;

import io.airlock.Intent;
import io.airlock.Policy;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Logs each intent as the scope flushes (at INFO, logger {@code io.airlock}), and allows it. */
public class LogOnFlush implements Policy {

    private final Logger logger;

    public LogOnFlush() {
        this(Logger.getLogger("io.airlock"));
    }

    public LogOnFlush(Logger logger) {
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
