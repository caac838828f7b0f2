package io.airlock.crash;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The application's tables in the file database: ORDERS (the business row, with its intent's id) and RUNS
 * (every start and finish of a task, with the server's boot number {@code -Dcrash.boot}).
 */
@ApplicationScoped
public class Db {

    @Resource(lookup = "java:app/jdbc/Crash")
    DataSource dataSource;

    void create(@Observes @Initialized(ApplicationScoped.class) Object start) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS ORDERS (ORDER_KEY VARCHAR(100) PRIMARY KEY, INTENT_ID VARCHAR(64), BOOT INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS RUNS (ID BIGINT AUTO_INCREMENT PRIMARY KEY, ORDER_KEY VARCHAR(100) NOT NULL, "
                    + "INTENT_ID VARCHAR(64) NOT NULL, PHASE VARCHAR(16) NOT NULL, BOOT INTEGER NOT NULL, AT_MILLIS BIGINT NOT NULL)");
        }
    }

    /** Inside the caller's transaction. */
    public void insertOrder(String key, String intentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO ORDERS (ORDER_KEY, INTENT_ID, BOOT) VALUES (?, ?, ?)")) {
            s.setString(1, key);
            s.setString(2, intentId);
            s.setInt(3, boot());
            s.executeUpdate();
        }
    }

    /** Committed before it returns, whatever transaction the task runs in: the record survives a kill that follows. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRun(String key, String intentId, String phase) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO RUNS (ORDER_KEY, INTENT_ID, PHASE, BOOT, AT_MILLIS) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, key);
            s.setString(2, intentId);
            s.setString(3, phase);
            s.setInt(4, boot());
            s.setLong(5, System.currentTimeMillis());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One number: {@code SELECT COUNT(*) ...} with one string parameter. */
    public long count(String sql, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static int boot() {
        return Integer.getInteger("crash.boot", 0);
    }
}
