package io.airlock.crash;

import io.airlock.AirlockTask;
import io.airlock.Intent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The durable task: records that it started and that it finished, each in a transaction of its own, with its intent's id. */
@ApplicationScoped
public class Deliveries {

    @Inject
    Db db;

    @Inject
    Holds holds;

    @AirlockTask
    public void deliver(String key) {
        String intentId = Intent.running().orElseThrow().id();
        db.recordRun(key, intentId, "started");
        holds.holdIf(CrashPoint.DURING_DISPATCH, key);
        db.recordRun(key, intentId, "finished");
    }
}
