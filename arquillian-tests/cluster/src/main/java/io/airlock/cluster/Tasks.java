package io.airlock.cluster;

import io.airlock.AirlockTask;
import io.airlock.Intent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/**
 * The task that crosses the broker: it records its run, with its intent's id and the instance it ran on, in the
 * MDB's transaction. A batch named {@code slow-*} takes {@value #SLOW_MILLIS} ms per task, so that an instance
 * killed during the load has deliveries in flight.
 */
@ApplicationScoped
public class Tasks {

    @Inject
    Runs runs;

    static final long SLOW_MILLIS = 150;

    @AirlockTask
    public void work(String batch, Integer index, String sentBy) throws SQLException, InterruptedException {
        if (batch.startsWith("slow-")) {
            Thread.sleep(SLOW_MILLIS);
        }
        runs.record(Intent.running().orElseThrow().id(), batch, index, sentBy);
    }
}
