package io.airlock.store;

import io.airlock.store.fixtures.XaDataSource;
import io.airlock.store.jdbc.Dialect;
import org.junit.jupiter.api.BeforeAll;

/** The durable intents' scenarios on H2 under XA (the conditional-update claim). */
class DurableIntentsTest extends AbstractDurableIntentsTest {

    @BeforeAll
    static void h2() {
        use(XaDataSource.h2("durable"));
    }

    /** Fewer than on PostgreSQL: the conditional claims of two relays contend for the same first rows, so H2 takes about 2 ms an intent here. */
    @Override
    int relayRaceIntents() {
        return 5_000;
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.H2;
    }
}
