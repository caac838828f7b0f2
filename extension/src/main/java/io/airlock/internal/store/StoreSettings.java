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
 * @param completionDelay how long the completion of a dispatched intent may wait to be written with others (at most
 *     {@code batchSize} together); zero writes each at once
 */
public record StoreSettings(String dataSource, String table, boolean createTable, int maxRetries, RetrySchedule retry, Duration lease,
        Duration pollInterval, int batchSize, Duration keepCompleted, Duration completionDelay) {

    public static final String DEFAULT_DATA_SOURCE = "java:comp/DefaultDataSource";
    private static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    /** The defaults, with the given datasource and table. */
    public static StoreSettings defaults(String dataSource, String table) {
        return new StoreSettings(dataSource, table, true, 5, new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(5)), DEFAULT_LEASE,
                Duration.ofSeconds(5), 100, Duration.ZERO, Duration.ofSeconds(1));
    }

    public StoreSettings withRetry(Duration initial, Duration max) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, new RetrySchedule(initial, max), lease, pollInterval, batchSize,
                keepCompleted, completionDelay);
    }

    public StoreSettings withMaxRetries(int retries) {
        return new StoreSettings(dataSource, table, createTable, retries, retry, lease, pollInterval, batchSize, keepCompleted, completionDelay);
    }

    public StoreSettings withLease(Duration newLease) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, retry, newLease, pollInterval, batchSize, keepCompleted, completionDelay);
    }

    public StoreSettings withPollInterval(Duration interval) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, retry, lease, interval, batchSize, keepCompleted, completionDelay);
    }

    public StoreSettings withBatchSize(int size) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, retry, lease, pollInterval, size, keepCompleted, completionDelay);
    }

    public StoreSettings withKeepCompleted(Duration keep) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, retry, lease, pollInterval, batchSize, keep, completionDelay);
    }

    public StoreSettings withCompletionDelay(Duration delay) {
        return new StoreSettings(dataSource, table, createTable, maxRetries, retry, lease, pollInterval, batchSize, keepCompleted, delay);
    }

    public StoreSettings withCreateTable(boolean create) {
        return new StoreSettings(dataSource, table, create, maxRetries, retry, lease, pollInterval, batchSize, keepCompleted, completionDelay);
    }
}
