package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.store.fixtures.Postgres;
import io.airlock.store.jdbc.Dialect;
import io.airlock.store.jdbc.JdbcIntentStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The durable intents' scenarios on a real PostgreSQL server under XA, started for this class from Maven
 * Central's binaries ({@link Postgres}); the relays claim with {@code FOR UPDATE SKIP LOCKED}.
 */
class PostgresDurableIntentsTest extends AbstractDurableIntentsTest {

    @RegisterExtension
    static final Postgres POSTGRES = new Postgres();

    @BeforeAll
    static void postgres() {
        use(POSTGRES.dataSource());
    }

    @Override
    int relayRaceIntents() {
        return 10_000;
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }

    @Test
    void aClaimSkipsTheRowsAnotherTransactionHoldsInsteadOfWaitingForThem() throws Exception {
        saveRow("held", "held", null, null);
        saveRow("free", "free", null, null);
        JdbcIntentStore store = JdbcIntentStore.open(database, "AIRLOCK_INTENT", false);
        Instant now = Instant.now().plusSeconds(1);
        try (Connection holder = database.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement(); ResultSet rs = s.executeQuery("SELECT ID FROM AIRLOCK_INTENT WHERE ID = 'held' FOR UPDATE")) {
                assertEquals(true, rs.next());
            }
            List<StoredIntent> claimed = CompletableFuture.supplyAsync(() -> store.claim("relay-a", now, now.plusSeconds(60), 10))
                    .get(20, TimeUnit.SECONDS);   // a claim that waited for the lock would time out here
            assertEquals(List.of("free"), claimed.stream().map(StoredIntent::id).toList());
            assertEquals("relay-a", claimed.get(0).leaseOwner());
            holder.rollback();
        }
        List<StoredIntent> rest = store.claim("relay-b", now, now.plusSeconds(60), 10);
        assertEquals(List.of("held"), rest.stream().map(StoredIntent::id).toList(), "free once the other transaction ended; free stays relay-a's");
    }
}
