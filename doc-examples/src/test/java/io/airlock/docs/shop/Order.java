package io.airlock.docs.shop;

import io.airlock.Airlock;

/** The README's order: not a CDI bean (a JPA entity would be), so it reaches airlock statically. */
// tag::order[]
public class Order {
    // end::order[]
    private final Long id;
    private final String email;
    private Status status = Status.NEW;

    public Order(Long id, String email) {
        this.id = id;
        this.email = email;
    }

    // tag::order[]
    public void process() {
        status = Status.PROCESSED;
        Airlock.get().enqueue(Mailer::sendConfirmation, id, email); // nothing runs here
        Airlock.get().enqueue(Warehouse::reserveStock, id);
    }
// end::order[]

    public Status status() {
        return status;
    }

    public enum Status {
        NEW, PROCESSED
    }
// tag::order[]
}
// end::order[]
