package io.airlock.it.smoke;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class Orders {

    @Inject
    Event<OrderPlaced> placed;

    @Inject
    TransactionOutcomes outcomes;

    /**
     * Fires the event and commits.
     *
     * @return whether the after-success observer had already run before the method returned (it must not)
     */
    @Transactional
    public boolean placeAndCommit(String id) {
        placed.fire(new OrderPlaced(id));
        return outcomes.committed(id);
    }

    /** Fires the event, then fails: the transaction rolls back. */
    @Transactional
    public void placeAndFail(String id) {
        placed.fire(new OrderPlaced(id));
        throw new IllegalStateException("order " + id + " failed on purpose");
    }
}
