package io.airlock.internal.store;

import io.airlock.IntentExecutor;
import io.airlock.internal.cdi.Settings;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.store.jdbc.JdbcIntentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Builds the durable store from the {@code airlock.store.*} settings (validated at deployment). */
public final class StoreWiring {

    private StoreWiring() {
    }

    /** The store's settings as configured. */
    public static StoreSettings settings() {
        StoreSettings s = StoreSettings.defaults(Settings.get(Settings.STORE_DATASOURCE).orElse(StoreSettings.DEFAULT_DATA_SOURCE),
                Settings.get(Settings.STORE_TABLE).orElse(JdbcIntentStore.DEFAULT_TABLE));
        s = s.withCreateTable(Settings.get(Settings.STORE_CREATE_TABLE).map(Boolean::parseBoolean).orElse(true));
        s = s.withMaxRetries(Settings.get(Settings.STORE_MAX_RETRIES).map(Integer::parseInt).orElse(s.maxRetries()));
        s = s.withRetry(duration(Settings.STORE_BACKOFF_INITIAL, s.retry().initial()), duration(Settings.STORE_BACKOFF_MAX, s.retry().max()));
        s = s.withLease(duration(Settings.STORE_LEASE, s.lease()));
        s = s.withPollInterval(duration(Settings.STORE_POLL_INTERVAL, s.pollInterval()));
        s = s.withBatchSize(Settings.get(Settings.STORE_BATCH_SIZE).map(Integer::parseInt).orElse(s.batchSize()));
        s = s.withCompletionDelay(duration(Settings.STORE_COMPLETION_DELAY, s.completionDelay()));
        return s.withKeepCompleted(duration(Settings.STORE_KEEP_COMPLETED, s.keepCompleted()));
    }

    private static Duration duration(String key, Duration otherwise) {
        return Settings.get(key).map(Settings::duration).orElse(otherwise);
    }

    /**
     * The durable store of this deployment; its table is opened on first use.
     *
     * @param executors finds an executor by its configuration name
     */
    public static Durability create(Function<String, IntentExecutor> executors, Supplier<TaskRegistry> tasks) {
        StoreSettings settings = settings();
        return new Durability(() -> JdbcIntentStore.open(dataSource(settings.dataSource()), settings.table(), settings.createTable()), settings,
                executors, tasks, Clock.systemUTC());
    }

    private static DataSource dataSource(String name) {
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("airlock.store.datasource '" + name + "' is not a DataSource in JNDI (" + e + "). Name the JTA "
                    + "datasource of the application's data, such as java:comp/DefaultDataSource.", e);
        }
    }
}
