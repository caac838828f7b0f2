package io.airlock.docs.ee;

import io.airlock.Airlock;
import io.airlock.docs.shop.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

@ApplicationScoped
public class Receipts {
    @Inject Airlock airlock;

    // tag::requiresNew[]
    @Transactional(TxType.REQUIRES_NEW)
    public void issue(long orderId) {
        airlock.enqueue(Audit::record, "receipt " + orderId);   // escapes if this transaction commits
    }
    // end::requiresNew[]
}
