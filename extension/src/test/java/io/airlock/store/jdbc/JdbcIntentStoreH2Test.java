package io.airlock.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.store.IntentState;
import io.airlock.store.StoredIntent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What keeps a relay pass on H2 as cheap with a large backlog as with a small one (docs/performance.md, "Durable
 * intents"): the claim reads the due index in order and stops at its limit, and the text columns are not LOBs
 * (H2 copies every LOB a query returns and keeps the copy for minutes). And a save of several rows outside a
 * transaction is one transaction, not one per row.
 */
class JdbcIntentStoreH2Test {

    private JdbcDataSource h2;
    private JdbcIntentStore store;

    @BeforeEach
    void open() {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:store-h2-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        store = JdbcIntentStore.open(h2, JdbcIntentStore.DEFAULT_TABLE, true);
    }

    private static StoredIntent due(String id, String payload, Instant at) {
        return new StoredIntent(id, "task", "sync", payload, IntentState.PENDING, 0, 5, at, at, null, null, null, List.of());
    }

    /** A version table left without its table is refused before any DDL runs, so no half-created schema is left behind. */
    @Test
    void aVersionTableLeftAloneIsRefusedBeforeAnythingIsCreated() throws Exception {
        sql("CREATE TABLE ORPHAN_VERSION (VERSION INTEGER NOT NULL)");
        for (int attempt = 0; attempt < 2; attempt++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcIntentStore.open(h2, "ORPHAN", true));
            assertTrue(e.getMessage().contains("ORPHAN_VERSION does") && e.getMessage().contains("airlock.store.table"), e.getMessage());
        }
        try (Connection c = h2.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, "ORPHAN", null)) {
            assertTrue(!rs.next(), "no table was created");
        }
        sql("DROP TABLE ORPHAN_VERSION");
        JdbcIntentStore.open(h2, "ORPHAN", true);
    }

    /** A table at this schema version but of another layout fails at the open (the deployment), not at the first write. */
    @Test
    void aTableOfAnotherLayoutIsRefusedAtTheOpen() throws Exception {
        sql("CREATE TABLE FOREIGN_LAYOUT (ID VARCHAR(64) NOT NULL PRIMARY KEY, NAME VARCHAR(200))");
        sql("CREATE TABLE FOREIGN_LAYOUT_VERSION (VERSION INTEGER NOT NULL)");
        sql("INSERT INTO FOREIGN_LAYOUT_VERSION VALUES (" + JdbcIntentStore.SCHEMA_VERSION + ")");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcIntentStore.open(h2, "FOREIGN_LAYOUT", true));
        assertTrue(e.getMessage().contains("FOREIGN_LAYOUT") && e.getMessage().contains("not its columns")
                && e.getMessage().contains("durability.md"), e.getMessage());
    }

    /** A name the pattern allows but the database reserves fails at the open with a message that says so. */
    @ParameterizedTest
    @ValueSource(strings = {"ORDER", "USER", "VALUE", "SELECT", "TABLE"})
    void aReservedWordAsTheTableNameIsNamedAsSuch(String table) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcIntentStore.open(h2, table, true));
        assertTrue(e.getMessage().contains("Cannot create the intent table " + table) && e.getMessage().contains("reserves"), e.getMessage());
    }

    @Test
    void theClaimReadsTheDueIndexInOrderAndStopsAtItsLimit() throws Exception {
        Instant now = Instant.now();
        List<StoredIntent> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(due("i" + i, "{}", now.minusMillis(i)));
        }
        store.save(rows);
        try (Connection c = h2.getConnection(); PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + store.candidatesQuery())) {
            explain.setLong(1, now.toEpochMilli());
            explain.setLong(2, now.toEpochMilli());
            explain.setInt(3, 10);
            try (ResultSet rs = explain.executeQuery()) {
                rs.next();
                String plan = rs.getString(1);
                assertTrue(plan.contains("AIRLOCK_INTENT_DUE") && plan.contains("index sorted") && plan.contains("scanCount: 10"), plan);
            }
        }
        List<StoredIntent> claimed = store.claim("me", now, now.plusSeconds(60), 3);
        assertEquals(List.of("i499", "i498", "i497"), claimed.stream().map(StoredIntent::id).toList(), "oldest due first");
    }

    @Test
    void withoutATransactionTheRowsOfOneSaveAreWrittenTogetherOrNotAtAll() throws Exception {
        Instant now = Instant.now();
        store.save(List.of(due("a", "{}", now), due("b", "{}", now)));
        assertEquals(2, store.count(IntentState.PENDING));
        assertThrows(IllegalStateException.class, () -> store.save(List.of(due("c", "{}", now), due("a", "{}", now))), "a duplicate id");
        assertEquals(2, store.count(IntentState.PENDING), "c was not written without a");
        try (Connection c = h2.getConnection()) {
            assertTrue(c.getAutoCommit());
        }
    }

    @Test
    void textColumnsAreNotLobsAndHoldLargePayloads() throws Exception {
        try (Connection c = h2.getConnection(); ResultSet rs = c.getMetaData().getColumns(null, null, JdbcIntentStore.DEFAULT_TABLE, null)) {
            while (rs.next()) {
                String type = rs.getString("TYPE_NAME");
                assertTrue(!type.contains("LARGE OBJECT") && !type.contains("CLOB"), rs.getString("COLUMN_NAME") + " is " + type);
            }
        }
        String large = "[\"" + "x".repeat(2_000_000) + "\"]";
        store.save(List.of(due("large", large, Instant.now())));
        assertEquals(large, store.find("large").orElseThrow().payload());
    }

    @Test
    void completionsInOneBatchDeleteOrKeepTheRowsStillHeldAndNameTheOnesThatAreNot() {
        Instant now = Instant.now();
        List<StoredIntent> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(due("c" + i, "{}", now));
        }
        store.save(rows);
        assertEquals(6, store.claim("me", now, now.plusSeconds(60), 10).size());
        assertEquals(1, store.claim("other", now.plusSeconds(61), now.plusSeconds(120), 1).size(), "c0's lease expired and passed to another");

        assertEquals(List.of("c0"), store.completeAll(List.of("c2", "c0", "c1"), "me", now, false), "c0 is no longer mine");
        assertTrue(store.find("c1").isEmpty() && store.find("c2").isEmpty(), "deleted");
        assertEquals("other", store.find("c0").orElseThrow().leaseOwner(), "left to the instance that holds it");

        assertEquals(List.of(), store.completeAll(List.of("c3", "c4"), "me", now, true));
        for (String id : List.of("c3", "c4")) {
            StoredIntent kept = store.find(id).orElseThrow();
            assertEquals(IntentState.COMPLETED, kept.state());
            assertEquals(now.toEpochMilli(), kept.completedAt().toEpochMilli());
            assertEquals(null, kept.leaseOwner());
        }
        assertEquals(List.of(), store.completeAll(List.of(), "me", now, false));
        assertEquals(List.of("c5"), store.completeAll(List.of("c5"), "nobody", now, false));
        assertEquals(List.of(), store.completeAll(List.of("c5"), "me", now, false));
        assertTrue(store.find("c5").isEmpty());
    }

    /**
     * Where the claim takes two steps (H2, and every database without {@code SKIP LOCKED}), the candidates it read
     * are leased by one statement per {@value JdbcIntentStore#COMPLETION_CHUNK} ids: with nobody in between, every
     * candidate is leased to this relay; when another relay leases a candidate, or a row is completed, between the
     * read and the lease, nothing of the statements stays and the row-by-row lease takes the others, leaving that one
     * to whoever holds it. With one candidate, a few, one statement's worth and more.
     */
    @Test
    void theCandidatesAreLeasedTogetherUnlessAnotherRelayTookOneInBetween() throws Exception {
        for (int n : new int[] {1, 3, 100, JdbcIntentStore.COMPLETION_CHUNK, JdbcIntentStore.COMPLETION_CHUNK + 88}) {
            for (String between : new String[] {"nothing", "leased by another relay", "completed"}) {
                open();
                Instant now = Instant.now();
                List<StoredIntent> rows = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    rows.add(due(String.format("r%05d", i), "{}", now.minusMillis(n - i)));
                }
                store.save(rows);
                String taken = String.format("r%05d", n - 1); // in the last statement's ids
                Runnable race = switch (between) {
                    case "leased by another relay" -> () -> sql("UPDATE AIRLOCK_INTENT SET LEASE_OWNER = 'other', LEASE_UNTIL = "
                            + now.plusSeconds(30).toEpochMilli() + " WHERE ID = '" + taken + "'");
                    case "completed" -> () -> sql("DELETE FROM AIRLOCK_INTENT WHERE ID = '" + taken + "'");
                    default -> () -> { };
                };
                JdbcIntentStore racing = JdbcIntentStore.open(afterEachQuery(h2, race), JdbcIntentStore.DEFAULT_TABLE, false);
                Instant until = now.plusSeconds(60);
                List<String> claimed = racing.claim("me", now, until, n).stream().map(StoredIntent::id).toList();
                List<String> expected = rows.stream().map(StoredIntent::id).filter(id -> between.equals("nothing") || !id.equals(taken)).toList();
                String what = n + " candidates, " + between;
                assertEquals(expected, claimed, what + ": oldest due first, the taken one left out");
                for (String id : expected) {
                    StoredIntent row = store.find(id).orElseThrow();
                    assertEquals("me", row.leaseOwner(), what + ": " + id);
                    assertEquals(until.toEpochMilli(), row.leaseUntil().toEpochMilli(), what + ": " + id);
                }
                if (between.equals("leased by another relay")) {
                    assertEquals("other", store.find(taken).orElseThrow().leaseOwner(), what);
                }
                try (Connection c = h2.getConnection()) {
                    assertTrue(c.getAutoCommit());
                }
            }
        }
    }

    private void sql(String statement) {
        try (Connection c = h2.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code data}, whose statements run {@code hook} on another connection right after each query they execute. */
    private static javax.sql.DataSource afterEachQuery(JdbcDataSource data, Runnable hook) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(JdbcIntentStoreH2Test.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, data, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(JdbcIntentStoreH2Test.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                Object made = invoke(m, connection, a);
                                if (!(made instanceof PreparedStatement statement)) {
                                    return made;
                                }
                                return java.lang.reflect.Proxy.newProxyInstance(JdbcIntentStoreH2Test.class.getClassLoader(),
                                        new Class<?>[] {PreparedStatement.class}, (ps, sm, sa) -> {
                                            Object out = invoke(sm, statement, sa);
                                            if (sm.getName().equals("executeQuery")) {
                                                hook.run();
                                            }
                                            return out;
                                        });
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * A batch larger than one completion statement takes (several {@code IN} lists in one transaction): all rows
     * still held are completed; with one row of the last list lost, nothing of the statements stays and the row
     * by row batch completes the others and names that one, whether rows are deleted or kept.
     */
    @Test
    void aBatchOfManyCompletionsSpansSeveralStatementsAndALostRowInTheLastIsStillNamed() throws Exception {
        for (boolean keep : new boolean[] {false, true}) {
            Instant now = Instant.now();
            int n = 2 * JdbcIntentStore.COMPLETION_CHUNK + 1;
            List<StoredIntent> rows = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = String.format("k%s-%05d", keep, i);
                rows.add(due(id, "{}", now));
                ids.add(id);
            }
            store.save(rows);
            assertEquals(n, store.claim("me", now, now.plusSeconds(60), n).size());
            List<String> first = ids.subList(0, n - 3);
            assertEquals(List.of(), store.completeAll(first, "me", now, keep));
            for (String id : first) {
                assertTrue(store.find(id).map(r -> r.state() == IntentState.COMPLETED).orElse(!keep), id + " completed, keep " + keep);
            }
            String lost = ids.get(n - 1);
            try (Connection c = h2.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE AIRLOCK_INTENT SET LEASE_OWNER = 'other' WHERE ID = ?")) {
                ps.setString(1, lost);
                assertEquals(1, ps.executeUpdate());
            }
            List<String> rest = new ArrayList<>(ids.subList(n - 3, n));
            rest.addAll(0, ids.subList(0, 2)); // completed before (deleted, or kept without a lease): not this instance's either
            assertEquals(List.of(ids.get(0), ids.get(1), lost), store.completeAll(rest, "me", now, keep), "keep " + keep);
            assertEquals("other", store.find(lost).orElseThrow().leaseOwner());
            for (String id : ids.subList(n - 3, n - 1)) {
                assertTrue(store.find(id).map(r -> r.state() == IntentState.COMPLETED).orElse(!keep), id + " completed, keep " + keep);
            }
        }
    }
}
