package io.airlock.internal.store;

import java.time.Duration;

/**
 * The durable store's settings ({@code airlock.store.*}), validated.
 *
 * @param dataSource JNDI name of the (JTA) datasource
 * @param table the intent table
 * @param createTable whether a missing table is created
 * @param maxRetries retries of a failed dispatch before the intent is kept as FAILED, unless the intent's own {@code maxRetries} option says otherwise
 * @param retry when a failed intent is tried again
 * @param lease how long an instance holds an intent it dispatches; must outlast the longest dispatch
 * @param pollInterval how often the relay looks for due intents
 * @param batchSize how many intents one relay pass claims at most
 * @param keepCompleted how long completed intents are kept; zero deletes them at once
 */
public record StoreSettings(String dataSource, String table, boolean createTable, int maxRetries, RetrySchedule retry, Duration lease,
        Duration pollInterval, int batchSize, Duration keepCompleted) {

    public static final String DEFAULT_DATA_SOURCE = "java:comp/DefaultDataSource";

    /** The defaults, with the given datasource and table. */
    public static StoreSettings defaults(String dataSource, String table) {
        return new StoreSettings(dataSource, table, true, 5, new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(5)), Duration.ofMinutes(5),
                Duration.ofSeconds(5), 100, Duration.ZERO);
    }

    public StoreSettings withRetry(Duration initial, Duration max) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, new RetrySchedule(initial, max), lease, pollInterval, batchSize,
                keepCompleted);
    }

    public StoreSettings withMaxRetries(int retries) {
        return new StoreSettings(dataSource, table, createTable, retries, retry, lease, pollInterval, batchSize, keepCompleted);
    }

    public StoreSettings withLease(Duration newLease) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, retry, newLease, pollInterval, batchSize, keepCompleted);
    }

    public StoreSettings withPollInterval(Duration interval) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, retry, lease, interval, batchSize, keepCompleted);
    }

    public StoreSettings withBatchSize(int size) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, retry, lease, pollInterval, size, keepCompleted);
    }

    public StoreSettings withKeepCompleted(Duration keep) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, retry, lease, pollInterval, batchSize, keep);
    }

    public StoreSettings withCreateTable(boolean create) {
        return new StoreSettings(dataSource, table, create, maxRetries, retry, lease, pollInterval, batchSize, keepCompleted);
    }
}
