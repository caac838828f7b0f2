package io.airlock.it.transactions;

import io.airlock.Airlock;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A JPA entity that enqueues from its own method through the static entry point. */
@Entity
@Table(name = "AIRLOCK_PURCHASE")
public class Purchase {

    @Id
    private String id;

    private String item;

    protected Purchase() {
    }

    public Purchase(String id, String item) {
        this.id = id;
        this.item = item;
    }

    /** Not a bean, no injection: reaches airlock statically. */
    public void place() {
        Airlock.get().enqueue(Shipping::ship, id);
    }

    public String getId() {
        return id;
    }

    public String getItem() {
        return item;
    }
}
