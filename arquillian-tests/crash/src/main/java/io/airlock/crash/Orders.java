package io.airlock.crash;

import io.airlock.Airlock;
import io.airlock.Intent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;

/** One order, one transaction: the business row and the durable intent (its row in AIRLOCK_INTENT) commit together. */
@ApplicationScoped
public class Orders {

    @Inject
    Airlock airlock;

    @Inject
    Db db;

    @Transactional
    public String place(String key, boolean fail) throws SQLException {
        // the scope flushes inside the transaction: the intent's row is written in it
        Intent intent = airlock.call(() -> airlock.enqueue(Deliveries::deliver, key));
        db.insertOrder(key, intent.id());
        if (fail) {
            throw new IllegalStateException("order " + key + " rolled back on purpose");
        }
        return intent.id();
    }
}
