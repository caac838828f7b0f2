package io.airlock.store;

import io.airlock.jms.fixtures.TestJndi;
import io.airlock.store.fixtures.Postgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DurableArgumentsProbeTest}'s arguments through a row of a real PostgreSQL (TEXT payload, UTF-8). */
class PostgresArgumentsProbeTest extends DurableArgumentsProbeTest {

    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    @BeforeAll
    static void h2() {
        database = POSTGRES.dataSource();
        TestJndi.install();
        TestJndi.bind(DS, database);
        SETTINGS.forEach(System::setProperty);
    }

    @Override
    @Test
    void unpairedSurrogatesArriveExactlyOrAreRefused() throws Exception {
        super.unpairedSurrogatesArriveExactlyOrAreRefused();
    }
}
