package io.airlock.store;

import io.airlock.store.fixtures.DurableDatabase;
import io.airlock.store.fixtures.Postgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DurableArgumentsProbeTest}'s arguments through a row of a real PostgreSQL (TEXT payload, UTF-8). */
class PostgresArgumentsProbeTest extends DurableArgumentsProbeTest {

    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    /** Hides the superclass's: the store's datasource, and the database the tests empty and count, is PostgreSQL. */
    @BeforeAll
    static void h2() {
        database = POSTGRES.dataSource();
        bound = DurableDatabase.bind(database, DS, SETTINGS);
    }

    @Override
    @Test
    void unpairedSurrogatesArriveExactlyOrAreRefused() throws Exception {
        super.unpairedSurrogatesArriveExactlyOrAreRefused();
    }
}
