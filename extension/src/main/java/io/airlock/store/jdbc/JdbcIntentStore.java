package io.airlock.store.jdbc;

import io.airlock.internal.failure.Suppressed;
import io.airlock.internal.jms.IntentCodec;
import io.airlock.store.Attempt;
import io.airlock.store.IntentState;
import io.airlock.store.IntentStore;
import io.airlock.store.StoredIntent;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The intent store in a table of the application's database, through a (JTA) {@link DataSource}: a write
 * inside a JTA transaction uses the connection the server enlists in it, so the row commits or rolls back
 * with the application's data. Every other operation is one statement in auto-commit mode (the claim on
 * PostgreSQL too), so none needs a transaction of its own.
 *
 * <p>Rows are claimed under a lease: by one {@code UPDATE ... FOR UPDATE SKIP LOCKED ... RETURNING} on
 * PostgreSQL, elsewhere by a conditional update per candidate row that succeeds only while the row is still
 * unleased, all of one claim in one transaction. Times are epoch milliseconds, so no database's time zone handling is involved.
 */
public final class JdbcIntentStore implements IntentStore {

    /** The version of the table layout this code reads and writes, kept in {@code <table>_VERSION}. */
    public static final int SCHEMA_VERSION = 1;
    /** The intent table's default name. */
    public static final String DEFAULT_TABLE = "AIRLOCK_INTENT";
    /** Failed attempts kept in a row's history, the latest ones. */
    public static final int HISTORY_LIMIT = 50;
    /** Characters kept of one attempt's error. */
    public static final int ERROR_LIMIT = 2000;

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,49}");
    private static final String COLUMNS = "ID, NAME, EXECUTOR, PAYLOAD, STATE, ATTEMPTS, MAX_RETRIES, CREATED_AT, NEXT_ATTEMPT_AT, "
            + "LEASE_OWNER, LEASE_UNTIL, COMPLETED_AT, HISTORY";
    /** A row a relay may claim: pending, due ({@code ?} now), not leased or its lease expired ({@code ?} now). */
    private static final String DUE = "STATE = 'PENDING' AND NEXT_ATTEMPT_AT <= ? AND (LEASE_UNTIL IS NULL OR LEASE_UNTIL < ?)";
    /**
     * Oldest due first, ordered as the due index is, {@code (STATE, NEXT_ATTEMPT_AT)}, though STATE is fixed: H2 then
     * reads the first rows of the index and stops at the limit. Ordered by NEXT_ATTEMPT_AT alone, H2 reads and sorts
     * every due row for each claim, so a relay pass cost as much as the whole backlog.
     */
    private static final String DUE_ORDER = " ORDER BY STATE, NEXT_ATTEMPT_AT";

    private final DataSource dataSource;
    private final String table;
    private final Dialect dialect;

    private JdbcIntentStore(DataSource dataSource, String table, Dialect dialect) {
        this.dataSource = dataSource;
        this.table = table;
        this.dialect = dialect;
    }

    /**
     * A store on {@code table} of {@code dataSource}: checks the table's schema version, creating the table
     * first when it does not exist and {@code createTable} allows it.
     *
     * @throws IllegalStateException naming the table and the fix when it is missing (and may not be created), or
     *     has a version this code does not know
     * @throws IllegalArgumentException when {@code table} is not a plain SQL name
     */
    public static JdbcIntentStore open(DataSource dataSource, String table, boolean createTable) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Intent table name '" + table + "' is not a plain SQL name (a letter, then letters, digits "
                    + "or underscores, at most 50).");
        }
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            Dialect dialect = Dialect.forProduct(meta.getDatabaseProductName());
            JdbcIntentStore store = new JdbcIntentStore(dataSource, table, dialect);
            store.checkSchema(c, meta, createTable);
            return store;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the intent table " + table + ": " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public String table() {
        return table;
    }

    private void checkSchema(Connection c, DatabaseMetaData meta, boolean createTable) throws SQLException {
        if (!exists(c, meta, table)) {
            if (!createTable) {
                throw new IllegalStateException("The intent table " + table + " does not exist in " + meta.getURL() + ". Create it with the DDL "
                        + "in docs/durability.md for " + dialect + ", or set airlock.store.create-table=true.");
            }
            if (exists(c, meta, table + "_VERSION")) {
                // checked before any DDL: creating the table and its index, then failing on the version table, left half a schema
                throw new IllegalStateException("The intent table " + table + " does not exist in " + meta.getURL() + ", but its version "
                        + "table " + table + "_VERSION does (left by a table dropped alone?). Drop " + table + "_VERSION too, or point "
                        + "airlock.store.table at another table.");
            }
            boolean autoCommit = c.getAutoCommit();
            try (Statement s = c.createStatement()) {
                for (String ddl : dialect.createTable(table)) {
                    s.execute(ddl);
                }
                if (!autoCommit) {
                    c.commit();
                }
            } catch (SQLException refused) {
                throw new IllegalStateException("Cannot create the intent table " + table + " in " + meta.getURL() + ": " + refused.getMessage()
                        + ". If " + table + " is a word " + dialect + " reserves (ORDER, USER, VALUE, say), point airlock.store.table at "
                        + "another name; otherwise create the table with the DDL in docs/durability.md.", refused);
            }
            return;
        }
        Integer version = null;
        if (exists(c, meta, table + "_VERSION")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(VERSION) FROM " + table + "_VERSION")) {
                if (rs.next()) {
                    version = (Integer) rs.getObject(1, Integer.class);
                }
            }
        }
        if (version == null || version != SCHEMA_VERSION) {
            throw new IllegalStateException("The intent table " + table + " has schema version " + (version == null ? "(none: no " + table
                    + "_VERSION row)" : version) + ", and this airlock reads version " + SCHEMA_VERSION + " only. Drain it with the airlock that "
                    + "wrote it, or point airlock.store.table at another table (this airlock creates it, or create it with the DDL in "
                    + "docs/durability.md).");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + table + " WHERE 1 = 0")) {
            rs.next(); // the columns this store reads and writes are all there: checked at deployment, not at the first write
        } catch (SQLException e) {
            throw new IllegalStateException("The intent table " + table + " has schema version " + SCHEMA_VERSION + " but not its columns ("
                    + e.getMessage() + "): it was not created by this airlock's DDL. Recreate it with the DDL in docs/durability.md, or point "
                    + "airlock.store.table at another table.", e);
        }
    }

    /**
     * Whether the table is there for the statements of this store, which name it unqualified: so only in the
     * connection's own catalog and schema (on PostgreSQL the current schema of the search path), not in another
     * application's schema of the same database, and by its name, not by the name read as a LIKE pattern (in
     * which {@code _} matches any character).
     */
    private static boolean exists(Connection c, DatabaseMetaData meta, String name) throws SQLException {
        String catalog = orNull(c::getCatalog);
        String schema = orNull(c::getSchema);
        String escape = meta.getSearchStringEscape();
        for (String candidate : new String[] {name, name.toUpperCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(catalog, pattern(schema, escape), pattern(candidate, escape), new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface Lookup {
        String get() throws SQLException;
    }

    /** The connection's catalog or schema, or null (any) where the driver does not say. */
    private static String orNull(Lookup lookup) {
        try {
            return lookup.get();
        } catch (SQLException | RuntimeException | AbstractMethodError unsupported) {
            return null;
        }
    }

    /** {@code name} as a metadata search pattern that matches only itself. */
    private static String pattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    @Override
    public void save(List<StoredIntent> intents) {
        if (intents.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            // no transaction on the thread (an auto-commit connection): the rows get one of their own, as the SPI says,
            // rather than one per row; inside a JTA transaction the connection is enlisted and never auto-commits
            inTransactionOfItsOwn(c, intents.size() > 1, () -> {
                insert(ps, intents);
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write " + intents.size() + " intent(s) to " + table + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} on {@code c}; when {@code wanted} and the connection auto-commits (no transaction on the
     * thread), in one transaction of its own: committed, or rolled back on failure, auto-commit restored after.
     */
    private static <T> T inTransactionOfItsOwn(Connection c, boolean wanted, Work<T> work) throws SQLException {
        boolean own = wanted && c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
        }
        try {
            T result = work.run();
            if (own) {
                c.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (own) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    Suppressed.add(e, suppressed);
                }
            }
            throw e;
        } finally {
            if (own) {
                c.setAutoCommit(true);
            }
        }
    }

    private static void insert(PreparedStatement ps, List<StoredIntent> intents) throws SQLException {
        for (StoredIntent i : intents) {
            ps.setString(1, i.id());
            ps.setString(2, truncate(i.name(), 200));
            ps.setString(3, i.executor());
            ps.setString(4, i.payload());
            ps.setString(5, i.state().name());
            ps.setInt(6, i.attempts());
            ps.setInt(7, i.maxRetries());
            ps.setLong(8, i.createdAt().toEpochMilli());
            ps.setLong(9, i.nextAttemptAt().toEpochMilli());
            ps.setString(10, i.leaseOwner());
            setMillis(ps, 11, i.leaseUntil());
            setMillis(ps, 12, i.completedAt());
            ps.setString(13, history(i.history()));
            if (intents.size() == 1) {
                ps.executeUpdate();
            } else {
                ps.addBatch();
            }
        }
        if (intents.size() > 1) {
            ps.executeBatch();
        }
    }

    @Override
    public List<StoredIntent> claim(String owner, Instant now, Instant leaseUntil, int limit) {
        long nowMillis = now.toEpochMilli();
        try (Connection c = dataSource.getConnection()) {
            if (dialect.claimsInOneStatement()) {
                String sql = "UPDATE " + table + " SET LEASE_OWNER = ?, LEASE_UNTIL = ? WHERE ID IN (SELECT ID FROM " + table + " WHERE " + DUE
                        + DUE_ORDER + " LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, owner);
                    ps.setLong(2, leaseUntil.toEpochMilli());
                    ps.setLong(3, nowMillis);
                    ps.setLong(4, nowMillis);
                    ps.setInt(5, limit);
                    List<StoredIntent> claimed = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            claimed.add(row(rs));
                        }
                    }
                    claimed.sort(java.util.Comparator.comparing(StoredIntent::nextAttemptAt));
                    return claimed;
                }
            }
            List<StoredIntent> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(candidatesQuery())) {
                ps.setLong(1, nowMillis);
                ps.setLong(2, nowMillis);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(row(rs));
                    }
                }
            }
            if (candidates.isEmpty()) {
                return candidates;
            }
            // one transaction for the pass's leases, not a commit per row; its row locks are taken in the order of the
            // ids, as every relay and every batch of completions takes them, so two of them never wait for each other
            List<StoredIntent> byId = new ArrayList<>(candidates);
            byId.sort(java.util.Comparator.comparing(StoredIntent::id));
            if (leasedAtOnce(c, byId, owner, leaseUntil.toEpochMilli(), nowMillis)) {
                List<StoredIntent> claimed = new ArrayList<>(candidates.size());
                for (StoredIntent candidate : candidates) {
                    claimed.add(leased(candidate, owner, leaseUntil));
                }
                return claimed;
            }
            java.util.Set<String> won = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET LEASE_OWNER = ?, LEASE_UNTIL = ? WHERE ID = ? AND " + DUE)) {
                inTransactionOfItsOwn(c, true, () -> {
                    for (StoredIntent candidate : byId) {
                        ps.setString(1, owner);
                        ps.setLong(2, leaseUntil.toEpochMilli());
                        ps.setString(3, candidate.id());
                        ps.setLong(4, nowMillis);
                        ps.setLong(5, nowMillis);
                        if (ps.executeUpdate() == 1) {
                            won.add(candidate.id());
                        }
                    }
                    return null;
                });
            }
            List<StoredIntent> claimed = new ArrayList<>(won.size());
            for (StoredIntent candidate : candidates) { // oldest due first
                if (won.contains(candidate.id())) {
                    claimed.add(leased(candidate, owner, leaseUntil));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot claim due intents from " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Leases every candidate ({@code byId}, in the order of the ids) with one statement per {@value #COMPLETION_CHUNK}
     * ids, in one transaction of its own: the usual case, no other relay taking one of them between the query and
     * the lease, at the cost of one statement instead of one per row. True when it leased them all; false, with
     * nothing changed (rolled back), when some row was no longer due (another relay leased it), or when the connection
     * is enlisted in a transaction: the lease then goes row by row and keeps the rows it wins.
     */
    private boolean leasedAtOnce(Connection c, List<StoredIntent> byId, String owner, long leaseUntil, long now) throws SQLException {
        List<String> ids = byId.stream().map(StoredIntent::id).toList();
        return allOrNothing(c, () -> inChunks(c, ids, n -> "UPDATE " + table + " SET LEASE_OWNER = ?, LEASE_UNTIL = ? WHERE " + inList(n) + " AND " + DUE,
                (ps, listed) -> {
                    int n = 1;
                    ps.setString(n++, owner);
                    ps.setLong(n++, leaseUntil);
                    for (String id : listed) {
                        ps.setString(n++, id);
                    }
                    ps.setLong(n++, now);
                    ps.setLong(n, now);
                }) == ids.size());
    }

    /**
     * Runs {@code work} on {@code c} in a transaction of its own, committed when it answers true and rolled back
     * otherwise, auto-commit restored after; false without running it when {@code c} does not auto-commit (it is
     * enlisted in a transaction, which has nothing to roll back on its own).
     */
    private static boolean allOrNothing(Connection c, Work<Boolean> work) throws SQLException {
        if (!c.getAutoCommit()) {
            return false;
        }
        c.setAutoCommit(false);
        boolean all = false;
        try {
            all = work.run();
        } finally {
            try {
                if (all) {
                    c.commit();
                } else {
                    c.rollback();
                }
            } finally {
                c.setAutoCommit(true);
            }
        }
        return all;
    }

    /** Binds a statement's parameters, given the ids it names. */
    @FunctionalInterface
    private interface IdsBinder {
        void bind(PreparedStatement ps, List<String> listed) throws SQLException;
    }

    /**
     * Runs {@code sql} (given how many ids it names) once per {@value #COMPLETION_CHUNK} of {@code ids}, each chunk
     * padded to a power of two by repeating its last id; the number of rows the statements changed.
     */
    private static int inChunks(Connection c, List<String> ids, java.util.function.IntFunction<String> sql, IdsBinder binder) throws SQLException {
        int done = 0;
        for (int from = 0; from < ids.size(); from += COMPLETION_CHUNK) {
            List<String> listed = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + COMPLETION_CHUNK)));
            String last = listed.get(listed.size() - 1);
            while (Integer.bitCount(listed.size()) != 1) {
                listed.add(last);
            }
            try (PreparedStatement ps = c.prepareStatement(sql.apply(listed.size()))) {
                binder.bind(ps, listed);
                done += ps.executeUpdate();
            }
        }
        return done;
    }

    /** {@code ID IN (?, ...)} with {@code ids} parameters. */
    private static String inList(int ids) {
        return "ID IN (" + "?, ".repeat(ids - 1) + "?)";
    }

    /** The claim's candidates where it takes two steps: the first due rows, {@code ?} now twice, then {@code ?} the limit. */
    String candidatesQuery() {
        return dialect.firstRows("SELECT " + COLUMNS + " FROM " + table + " WHERE " + DUE + DUE_ORDER);
    }

    private static StoredIntent leased(StoredIntent i, String owner, Instant leaseUntil) {
        return new StoredIntent(i.id(), i.name(), i.executor(), i.payload(), i.state(), i.attempts(), i.maxRetries(), i.createdAt(),
                i.nextAttemptAt(), owner, leaseUntil, i.completedAt(), i.history());
    }

    @Override
    public boolean complete(String id, String owner, Instant at, boolean keep) {
        return update(completion(keep), "complete intent " + id, ps -> bindCompletion(ps, id, owner, at, keep)) == 1;
    }

    /**
     * One statement batch in one transaction of its own (on the connection outside any JTA transaction; inside
     * one, the connection is enlisted and the batch joins it).
     */
    @Override
    public List<String> completeAll(List<String> ids, String owner, Instant at, boolean keep) {
        if (ids.size() <= 1) {
            return ids.isEmpty() || complete(ids.get(0), owner, at, keep) ? List.of() : List.copyOf(ids);
        }
        List<String> byId = new ArrayList<>(ids);
        byId.sort(null); // row locks in the order of the ids, as the claim takes them
        if (completedAtOnce(byId, owner, at, keep)) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(completion(keep))) {
            int[] counts = inTransactionOfItsOwn(c, true, () -> {
                for (String id : byId) {
                    bindCompletion(ps, id, owner, at, keep);
                    ps.addBatch();
                }
                return ps.executeBatch();
            });
            List<String> lost = new ArrayList<>();
            for (int i = 0; i < counts.length && i < byId.size(); i++) {
                if (counts[i] == 0) { // SUCCESS_NO_INFO (a driver that does not count batched rows) is taken as done
                    lost.add(byId.get(i));
                }
            }
            return lost;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot complete " + ids.size() + " intents in " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * The most ids one completion or lease statement names: within every database's limit on an IN list (Oracle's 1,000).
     * A shorter list is padded to a power of two by repeating its last id (a row is completed once however often
     * it is named), so that a few statement texts serve every batch size and a statement cache keeps them.
     */
    static final int COMPLETION_CHUNK = 512;

    /**
     * Completes {@code byId} with one statement per {@value #COMPLETION_CHUNK} ids ({@code ID IN (…)}), in one
     * transaction of its own: the usual case, every row still this instance's, at the cost of one statement instead
     * of one per row. True when every row was completed; false, with nothing changed (rolled back), when some row
     * was not this instance's any more, or when the connection is enlisted in a transaction (nothing to roll back
     * on its own): the statement batch then completes them row by row and names the lost ones.
     */
    private boolean completedAtOnce(List<String> byId, String owner, Instant at, boolean keep) {
        try (Connection c = dataSource.getConnection()) {
            return allOrNothing(c, () -> inChunks(c, byId, ids -> completionOfAll(keep, ids), (ps, listed) -> {
                int n = 1;
                if (keep) {
                    ps.setLong(n++, at.toEpochMilli());
                }
                for (String id : listed) {
                    ps.setString(n++, id);
                }
                ps.setString(n, owner);
            }) == byId.size());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot complete " + byId.size() + " intents in " + table + ": " + e.getMessage(), e);
        }
    }

    private String completionOfAll(boolean keep, int ids) {
        String in = inList(ids) + " AND LEASE_OWNER = ?";
        return keep
                ? "UPDATE " + table + " SET STATE = 'COMPLETED', COMPLETED_AT = ?, LEASE_OWNER = NULL, LEASE_UNTIL = NULL WHERE " + in
                : "DELETE FROM " + table + " WHERE " + in;
    }

    private String completion(boolean keep) {
        return keep
                ? "UPDATE " + table + " SET STATE = 'COMPLETED', COMPLETED_AT = ?, LEASE_OWNER = NULL, LEASE_UNTIL = NULL WHERE ID = ? AND LEASE_OWNER = ?"
                : "DELETE FROM " + table + " WHERE ID = ? AND LEASE_OWNER = ?";
    }

    private static void bindCompletion(PreparedStatement ps, String id, String owner, Instant at, boolean keep) throws SQLException {
        int n = 1;
        if (keep) {
            ps.setLong(n++, at.toEpochMilli());
        }
        ps.setString(n++, id);
        ps.setString(n, owner);
    }

    @Override
    public boolean fail(StoredIntent intent, String owner, Attempt attempt, Instant nextAttemptAt) {
        List<Attempt> history = new ArrayList<>(intent.history());
        history.add(new Attempt(attempt.number(), attempt.at(), truncate(attempt.error(), ERROR_LIMIT)));
        if (history.size() > HISTORY_LIMIT) {
            history = history.subList(history.size() - HISTORY_LIMIT, history.size());
        }
        String json = history(history);
        return update("UPDATE " + table + " SET ATTEMPTS = ATTEMPTS + 1, HISTORY = ?, STATE = ?, NEXT_ATTEMPT_AT = ?, LEASE_OWNER = NULL, "
                + "LEASE_UNTIL = NULL WHERE ID = ? AND LEASE_OWNER = ?", "record a failed attempt of intent " + intent.id(), ps -> {
                    ps.setString(1, json);
                    ps.setString(2, (nextAttemptAt == null ? IntentState.FAILED : IntentState.PENDING).name());
                    ps.setLong(3, (nextAttemptAt == null ? attempt.at() : nextAttemptAt).toEpochMilli());
                    ps.setString(4, intent.id());
                    ps.setString(5, owner);
                }) == 1;
    }

    @Override
    public List<StoredIntent> list(IntentState state, int offset, int limit) {
        String sql = dialect.page("SELECT " + COLUMNS + " FROM " + table + " WHERE STATE = ? ORDER BY CREATED_AT, ID");
        return query(sql, "list " + state + " intents", ps -> {
            ps.setString(1, state.name());
            ps.setInt(2, dialect.limitFirst() ? limit : offset);
            ps.setInt(3, dialect.limitFirst() ? offset : limit);
        });
    }

    @Override
    public Optional<StoredIntent> find(String id) {
        return query("SELECT " + COLUMNS + " FROM " + table + " WHERE ID = ?", "find intent " + id, ps -> ps.setString(1, id))
                .stream().findFirst();
    }

    @Override
    public long count(IntentState state) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE STATE = ?")) {
            ps.setString(1, state.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count " + state + " intents in " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Instant> oldestPending() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT MIN(CREATED_AT) FROM " + table + " WHERE STATE = 'PENDING'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long oldest = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the oldest pending intent of " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean resubmit(String id, Instant now) {
        return update("UPDATE " + table + " SET STATE = 'PENDING', ATTEMPTS = 0, NEXT_ATTEMPT_AT = ?, LEASE_OWNER = NULL, LEASE_UNTIL = NULL "
                + "WHERE ID = ? AND STATE = 'FAILED'", "resubmit intent " + id, ps -> {
                    ps.setLong(1, now.toEpochMilli());
                    ps.setString(2, id);
                }) == 1;
    }

    @Override
    public int resubmitAllFailed(Instant now) {
        return update("UPDATE " + table + " SET STATE = 'PENDING', ATTEMPTS = 0, NEXT_ATTEMPT_AT = ?, LEASE_OWNER = NULL, LEASE_UNTIL = NULL "
                + "WHERE STATE = 'FAILED'", "resubmit the failed intents", ps -> ps.setLong(1, now.toEpochMilli()));
    }

    @Override
    public int purgeCompleted(Instant before) {
        return update("DELETE FROM " + table + " WHERE STATE = 'COMPLETED' AND COMPLETED_AT < ?", "purge completed intents",
                ps -> ps.setLong(1, before.toEpochMilli()));
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, String what, Parameters parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            parameters.set(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + what + " in " + table + ": " + e.getMessage(), e);
        }
    }

    private List<StoredIntent> query(String sql, String what, Parameters parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            parameters.set(ps);
            List<StoredIntent> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + what + " in " + table + ": " + e.getMessage(), e);
        }
    }

    private static StoredIntent row(ResultSet rs) throws SQLException {
        return new StoredIntent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), IntentState.valueOf(rs.getString(5)),
                rs.getInt(6), rs.getInt(7), Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)), rs.getString(10),
                millis(rs, 11), millis(rs, 12), history(rs.getString(13)));
    }

    private static Instant millis(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static void setMillis(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }

    static String history(List<Attempt> attempts) {
        JsonProvider json = IntentCodec.json(); // named error without a JSON-P implementation
        JsonArrayBuilder array = json.createArrayBuilder();
        for (Attempt a : attempts) {
            array.add(json.createObjectBuilder().add("attempt", a.number()).add("at", a.at().toEpochMilli()).add("error", a.error()));
        }
        return array.build().toString();
    }

    static List<Attempt> history(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonProvider provider = IntentCodec.json(); // named error without a JSON-P implementation, not an unreadable history
        try (JsonReader reader = provider.createReader(new StringReader(json))) {
            JsonArray array = reader.readArray();
            List<Attempt> attempts = new ArrayList<>(array.size());
            for (JsonValue v : array) {
                JsonObject o = v.asJsonObject();
                attempts.add(new Attempt(o.getInt("attempt"), Instant.ofEpochMilli(o.getJsonNumber("at").longValue()), o.getString("error")));
            }
            return attempts;
        } catch (RuntimeException unreadable) {
            return List.of(new Attempt(0, Instant.EPOCH, "(history unreadable: " + unreadable + ")"));
        }
    }

    /** {@code s} cut to {@code max} characters, its end marked "…", never between the two halves of a surrogate pair. */
    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    @Override
    public String toString() {
        return "JDBC intent store (" + table + ", " + dialect + ")";
    }
}
