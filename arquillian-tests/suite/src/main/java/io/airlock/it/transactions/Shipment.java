package io.airlock.it.transactions;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Written by the task, in a transaction of its own, after the purchase committed. */
@Entity
@Table(name = "AIRLOCK_SHIPMENT")
public class Shipment {

    @Id
    private String purchaseId;

    /** Whether the task's transaction saw the committed purchase row. */
    private boolean purchaseSeen;

    protected Shipment() {
    }

    public Shipment(String purchaseId, boolean purchaseSeen) {
        this.purchaseId = purchaseId;
        this.purchaseSeen = purchaseSeen;
    }

    public String getPurchaseId() {
        return purchaseId;
    }

    public boolean isPurchaseSeen() {
        return purchaseSeen;
    }
}
