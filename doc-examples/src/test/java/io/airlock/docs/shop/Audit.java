package io.airlock.docs.shop;

import jakarta.enterprise.context.ApplicationScoped;

/** Writes audit records to another system. */
@ApplicationScoped
public class Audit {

    public void record(String event) {
        Calls.record("audit(" + event + ")");
    }
}
