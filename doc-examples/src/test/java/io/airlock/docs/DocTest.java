package io.airlock.docs;

import io.airlock.Airlock;
import io.airlock.docs.shop.Calls;
import io.airlock.docs.shop.Payments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Each doc example starts from airlock's defaults with nothing recorded, and must leave no scope behind. */
abstract class DocTest {

    protected final Airlock airlock = Airlock.get();

    @BeforeEach
    void cleanStart() {
        Airlock.get().resetConfiguration();
        Calls.clear();
        Payments.serviceDown(false);
    }

    @AfterEach
    void noScopeLeft() {
        Payments.serviceDown(false);
        Airlock.get().resetConfiguration();
        if (Airlock.get().currentScope().isPresent()) {
            throw new AssertionError("the example left a scope on the thread");
        }
    }
}
