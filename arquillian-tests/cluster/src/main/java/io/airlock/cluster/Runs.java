package io.airlock.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The RUNS table of the shared PostgreSQL (created by the test before the servers start): one row per task run,
 * with its intent's id, the request's batch and index, the instance ({@code jboss.node.name}) whose MDB ran it and
 * the broker's delivery count of the message ({@code JMSXDeliveryCount}: 1 for a first delivery, more for a
 * redelivery). And the REQUESTS table: one row per committed request, written in the request's transaction.
 */
@ApplicationScoped
public class Runs {

    /** The XA datasource each server's configuration defines (jboss-cli, before the server starts). */
    public static final String DATASOURCE = "java:jboss/datasources/AirlockDS";

    /** The {@code JMSXDeliveryCount} of the message being handled on this thread ({@link ClusterTasksMdb}). */
    static final ThreadLocal<Integer> DELIVERY_COUNT = new ThreadLocal<>();

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    /** In the request's transaction: the test knows by this row that the request committed. */
    public void request(String batch, int intents) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO REQUESTS (BATCH, INTENTS, NODE, AT_MILLIS) VALUES (?, ?, ?, ?)")) {
            s.setString(1, batch);
            s.setInt(2, intents);
            s.setString(3, node());
            s.setLong(4, System.currentTimeMillis());
            s.executeUpdate();
        }
    }

    /** In the caller's transaction (the MDB's, when the task runs from a message). */
    public void record(String intentId, String batch, int index, String sentBy) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO RUNS (INTENT_ID, BATCH, IDX, SENT_BY, RAN_ON, AT_MILLIS, DELIVERY_COUNT) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, intentId);
            s.setString(2, batch);
            s.setInt(3, index);
            s.setString(4, sentBy);
            s.setString(5, node());
            s.setLong(6, System.currentTimeMillis());
            Integer deliveries = DELIVERY_COUNT.get();
            s.setInt(7, deliveries == null ? 0 : deliveries);
            s.executeUpdate();
        }
    }

    static String node() {
        return System.getProperty("jboss.node.name", "?");
    }
}
