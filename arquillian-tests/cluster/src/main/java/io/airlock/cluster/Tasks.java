package io.airlock.cluster;

import io.airlock.AirlockTask;
import io.airlock.Intent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/** The task that crosses the broker: it records its run, with its intent's id and the instance it ran on. */
@ApplicationScoped
public class Tasks {

    @Inject
    Runs runs;

    @AirlockTask
    public void work(String batch, Integer index, String sentBy) throws SQLException {
        runs.record(Intent.running().orElseThrow().id(), batch, index, sentBy);
    }
}
