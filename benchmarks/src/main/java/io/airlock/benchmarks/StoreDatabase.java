package io.airlock.benchmarks;

import io.airlock.Intent;
import io.airlock.TaskMethod;
import io.airlock.internal.jms.IntentCodec;
import io.airlock.store.IntentState;
import io.airlock.store.StoredIntent;
import io.airlock.store.fixtures.PooledDataSource;
import io.airlock.store.fixtures.Postgres;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Logger;
import javax.sql.DataSource;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.xa.PGXADataSource;

/**
 * The durable intent benchmarks' database: H2 in memory, as the tests use it, or a real PostgreSQL server, behind
 * what a server puts in front of a database, a connection pool. {@link #plain()} is a pooled auto-commit datasource; {@link #jta()} is a JTA
 * datasource over H2's XA connections and Narayana, like the tests' {@code XaDataSource} fixture but with its
 * XA connections pooled (a server does not open a database session per transaction): inside a transaction
 * every connection is a handle on the one XA connection enlisted in it; outside one, a pooled auto-commit
 * connection.
 */
final class StoreDatabase {

    /** The columns of the intent table, in {@code JdbcIntentStore}'s order. */
    static final String COLUMNS = "ID, NAME, EXECUTOR, PAYLOAD, STATE, ATTEMPTS, MAX_RETRIES, CREATED_AT, NEXT_ATTEMPT_AT, "
            + "LEASE_OWNER, LEASE_UNTIL, COMPLETED_AT, HISTORY";
    static final String INSERT = "INSERT INTO %s (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final XADataSource xa;
    private final DataSource pool;
    private final Runnable closer;

    private StoreDatabase(XADataSource xa, DataSource pool, Runnable closer) {
        this.xa = xa;
        this.pool = pool;
        this.closer = closer;
    }

    /** H2 in memory: {@code jdbc:h2:mem:NAME}, H2's own pool for auto-commit connections. */
    static StoreDatabase inMemory(String name) {
        return h2("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    /** @param url an H2 URL, such as {@code jdbc:h2:file:/path/intents} */
    static StoreDatabase h2(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
        pool.setMaxConnections(16);
        return new StoreDatabase(h2, pool, () -> {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // gone already
            }
            pool.dispose();
        });
    }

    /**
     * A real PostgreSQL server started for the benchmark (the extension tests' {@link Postgres} fixture: io.zonky's
     * binaries, run as {@code nobody} when root, {@code fsync} off), over loopback; stopped by {@link #close()}.
     */
    static StoreDatabase postgres() {
        Postgres server = new Postgres();
        server.start();
        PGXADataSource xa = new PGXADataSource();
        xa.setServerNames(new String[] {"127.0.0.1"});
        xa.setPortNumbers(new int[] {server.port()});
        xa.setDatabaseName("postgres");
        xa.setUser("postgres");
        PGSimpleDataSource plain = new PGSimpleDataSource();
        plain.setServerNames(new String[] {"127.0.0.1"});
        plain.setPortNumbers(new int[] {server.port()});
        plain.setDatabaseName("postgres");
        plain.setUser("postgres");
        PooledDataSource pool = new PooledDataSource(plain, 16);
        return new StoreDatabase(xa, pool, () -> {
            pool.close();
            server.stop();
        });
    }

    /** Pooled auto-commit connections. */
    DataSource plain() {
        return pool;
    }

    /** The JTA datasource (XA under Narayana). */
    DataSource jta() {
        return new Jta(xa, pool);
    }

    void close() {
        closer.run();
    }

    void execute(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long count(String table) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code n} rows as the relay finds them after a crash: pending, due {@code now}, unleased, each an intent of
     * {@link DurableSink#accept} with its own id and argument, in airlock's JSON format.
     */
    static List<StoredIntent> dueRows(int n, Instant now) {
        TaskMethod accept = DurableSink.ACCEPT;
        List<StoredIntent> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Intent intent = Intent.builder(accept, List.of((long) i)).build();
            rows.add(new StoredIntent(intent.id(), intent.name(), "sync", IntentCodec.encode(intent), IntentState.PENDING, 0, 5, now, now,
                    null, null, null, List.of()));
        }
        return rows;
    }

    /** Binds a row to {@link #INSERT}'s parameters, as {@code JdbcIntentStore.save} does. */
    static void bind(PreparedStatement ps, StoredIntent i) throws SQLException {
        ps.setString(1, i.id());
        ps.setString(2, i.name());
        ps.setString(3, i.executor());
        ps.setString(4, i.payload());
        ps.setString(5, i.state().name());
        ps.setInt(6, i.attempts());
        ps.setInt(7, i.maxRetries());
        ps.setLong(8, i.createdAt().toEpochMilli());
        ps.setLong(9, i.nextAttemptAt().toEpochMilli());
        if (i.leaseOwner() == null) {
            ps.setNull(10, Types.VARCHAR);
        } else {
            ps.setString(10, i.leaseOwner());
        }
        if (i.leaseUntil() == null) {
            ps.setNull(11, Types.BIGINT);
        } else {
            ps.setLong(11, i.leaseUntil().toEpochMilli());
        }
        ps.setNull(12, Types.BIGINT);
        ps.setString(13, "[]");
    }

    /** A JTA datasource: the transaction's enlisted XA connection inside one (pooled per transaction), the pool outside. */
    private static final class Jta implements DataSource {
        private final XADataSource xa;
        private final DataSource plain;
        private final TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        private final Map<Transaction, Connection> enlisted = new ConcurrentHashMap<>();
        private final ConcurrentLinkedDeque<XAConnection> idle = new ConcurrentLinkedDeque<>();

        Jta(XADataSource xa, DataSource plain) {
            this.xa = xa;
            this.plain = plain;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Transaction tx;
            try {
                tx = tm.getTransaction();
                if (tx != null && tx.getStatus() != Status.STATUS_ACTIVE && tx.getStatus() != Status.STATUS_MARKED_ROLLBACK) {
                    tx = null; // completing or completed: the connection is not part of it
                }
            } catch (Exception e) {
                throw new SQLException(e);
            }
            if (tx == null) {
                return plain.getConnection();
            }
            Connection shared = enlisted.get(tx);
            if (shared != null) {
                return shared;
            }
            XAConnection pooled = idle.pollFirst();
            XAConnection xac = pooled != null ? pooled : xa.getXAConnection();
            try {
                tx.enlistResource(xac.getXAResource());
                Transaction enlistedIn = tx;
                tx.registerSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        enlisted.remove(enlistedIn);
                        idle.addFirst(xac); // back to the pool
                    }
                });
            } catch (Exception e) {
                xac.close();
                throw new SQLException("cannot enlist in " + tx, e);
            }
            Connection physical = xac.getConnection();
            // a handle's close() must not end the transaction's work: the connection goes back to the pool after completion
            shared = (Connection) Proxy.newProxyInstance(StoreDatabase.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
                if (m.getName().equals("close")) {
                    return null;
                }
                try {
                    return m.invoke(physical, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
            enlisted.put(tx, shared);
            return shared;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
