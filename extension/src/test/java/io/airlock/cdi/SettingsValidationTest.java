package io.airlock.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.cdi.Settings;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code airlock.} value is validated at deployment, whatever else is set (the JMS keys also when the
 * JMS executor is not in use): a bad value fails the deployment naming the key, the value and what it allows.
 */
class SettingsValidationTest {

    private final List<String> set = new ArrayList<>();

    private void property(String key, String value) {
        set.add(key);
        System.setProperty(key, value);
    }

    @AfterEach
    void clear() {
        set.forEach(System::clearProperty);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "lots", "1 to"),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "-1", "1 to"),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "0", "1 to"),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "99999999999", "1 to"),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "2147483647", "1 to"),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "1.5", "1 to"),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "1e6", "1 to"),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "0x100", "1 to"),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "1_000", "1 to"),
                Arguments.of(Settings.JMS_MODE, "sideways", "after-commit, in-transaction"),
                Arguments.of(Settings.JMS_MODE, "in_transaction", "after-commit, in-transaction"),
                Arguments.of(Settings.NO_SCOPE, "ignore", "fail, join-transaction"),
                Arguments.of(Settings.SCOPE_MAX_INTENTS, "0", "1 to 2147483647"),
                Arguments.of(Settings.SCOPE_MAX_INTENTS, "-5", "1 to 2147483647"),
                Arguments.of(Settings.SCOPE_MAX_INTENTS, "2147483648", "1 to 2147483647"),
                Arguments.of(Settings.SCOPE_MAX_INTENTS, "1e6", "1 to 2147483647"),
                Arguments.of(Settings.SCOPE_MAX_INTENTS, "lots", "1 to 2147483647"),
                Arguments.of(Settings.REQUEST_SCOPE_ENABLED, "maybe", "true, false"),
                Arguments.of(Settings.REQUEST_SCOPE_ENABLED, "yes", "true, false"),
                Arguments.of(Settings.REQUEST_SCOPE_ENABLED, "1", "true, false"),
                Arguments.of(Settings.POLICY, "allow-some", "allow-all"),
                Arguments.of(Settings.EXECUTOR, "carrier-pigeon", "sync"),
                Arguments.of(Settings.STORE, "mongo", "none, jdbc"),
                Arguments.of(Settings.STORE_CREATE_TABLE, "sometimes", "true, false"),
                Arguments.of(Settings.STORE_TABLE, "intents; DROP TABLE x", "plain SQL table name"),
                Arguments.of(Settings.STORE_TABLE, "1st", "plain SQL table name"),
                Arguments.of(Settings.STORE_MAX_RETRIES, "-1", "0 to 1000"),
                Arguments.of(Settings.STORE_MAX_RETRIES, "many", "0 to 1000"),
                Arguments.of(Settings.STORE_BATCH_SIZE, "0", "1 to 10000"),
                Arguments.of(Settings.STORE_BACKOFF_INITIAL, "soon", "positive duration"),
                Arguments.of(Settings.STORE_BACKOFF_INITIAL, "0", "positive duration"),
                Arguments.of(Settings.STORE_BACKOFF_MAX, "-PT1S", "positive duration"),
                Arguments.of(Settings.STORE_LEASE, "5 minutes", "positive duration"),
                Arguments.of(Settings.STORE_POLL_INTERVAL, "10x", "positive duration"),
                Arguments.of(Settings.STORE_KEEP_COMPLETED, "forever", "a duration"),
                Arguments.of(Settings.STORE_COMPLETION_DELAY, "later", "a duration"),
                Arguments.of(Settings.STORE_COMPLETION_DELAY, "-PT1S", "a duration"),
                Arguments.of(Settings.STORE_COMPLETION_DELAY, "6m", "not shorter than " + Settings.STORE_LEASE + " (PT5M, its default)"),
                Arguments.of(Settings.STORE_COMPLETION_DELAY, "5m", "not shorter than " + Settings.STORE_LEASE + " (PT5M, its default)"),
                Arguments.of(Settings.STORE_LEASE, "500ms", Settings.STORE_COMPLETION_DELAY + " (PT1S, its default) is not shorter than "
                        + Settings.STORE_LEASE + ", which is '500ms' (PT0.5S)"),
                Arguments.of(Settings.STORE_LEASE, "1s", Settings.STORE_COMPLETION_DELAY + " (PT1S, its default) is not shorter than"),
                Arguments.of(Settings.STORE_LEASE, "PT0.999S", "set both"),
                Arguments.of(Settings.HEALTH_MAX_PENDING, "-1", "0 to 2147483647"),
                Arguments.of(Settings.HEALTH_MAX_PENDING, "a thousand", "0 to 2147483647"),
                Arguments.of(Settings.HEALTH_MAX_PENDING, "99999999999", "0 to 2147483647"),
                Arguments.of(Settings.HEALTH_MAX_PENDING_AGE, "0", "positive duration"),
                Arguments.of(Settings.HEALTH_MAX_PENDING_AGE, "an hour", "positive duration"));
    }

    static final List<String> DURATION_KEYS = List.of(Settings.STORE_BACKOFF_INITIAL, Settings.STORE_BACKOFF_MAX, Settings.STORE_LEASE,
            Settings.STORE_POLL_INTERVAL, Settings.STORE_KEEP_COMPLETED, Settings.STORE_COMPLETION_DELAY, Settings.HEALTH_MAX_PENDING_AGE);

    /**
     * Out of range for every key: an ISO-8601 duration beyond what the NUMBER+unit form writes would overflow when added
     * to a time in milliseconds; one other than zero below a millisecond would read as 0 ms.
     */
    static Stream<Arguments> outOfRange() {
        return DURATION_KEYS.stream().flatMap(key -> Stream.of("P1000000000D", "P200000000000D", "PT2562047788015215H", "PT9223372036854775807S",
                "PT0.0009S", "PT0.000000001S", "PT0.000999999S").map(value -> Arguments.of(key, value)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("outOfRange")
    void aDurationOutOfRangeFailsTheDeploymentSayingTheRange(String key, String value) {
        property(key, value);
        String message = failure();
        assertTrue(message.contains(key) && message.contains("'" + value + "'") && message.contains("at least 1ms")
                && message.contains("at most 999999999d"), message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longestDurations")
    void aMillisecondIsAccepted(String key) {
        for (String value : List.of("1ms", "PT0.001S", "PT0.0015S")) {
            property(key, value);
            if (key.equals(Settings.STORE_BACKOFF_MAX)) {
                property(Settings.STORE_BACKOFF_INITIAL, value);
            }
            if (key.equals(Settings.STORE_LEASE)) {
                property(Settings.STORE_COMPLETION_DELAY, "0");
            }
            AirlockWeld.weld().initialize().close();
            clear();
            set.clear();
        }
    }

    /** The longest duration, in both forms, is accepted by every key (the completion delay, which must stay below the lease, aside). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("longestDurations")
    void theLongestDurationIsAccepted(String key) {
        for (String value : List.of("999999999d", "P999999999D")) {
            property(key, value);
            if (key.equals(Settings.STORE_BACKOFF_INITIAL)) {
                property(Settings.STORE_BACKOFF_MAX, value);
            }
            AirlockWeld.weld().initialize().close();
            clear();
            set.clear();
        }
    }

    static Stream<String> longestDurations() {
        return DURATION_KEYS.stream().filter(key -> !key.equals(Settings.STORE_COMPLETION_DELAY));
    }

    /** Either backoff key alone is checked against the other's default (initial 1 s, max 5 min). */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"airlock.store.backoff.initial, 10m, airlock.store.backoff.max (PT5M, its default)",
            "airlock.store.backoff.initial, PT5M0.001S, airlock.store.backoff.max (PT5M, its default)",
            "airlock.store.backoff.max, 500ms, airlock.store.backoff.initial (PT1S, its default)",
            "airlock.store.backoff.max, PT0.999S, airlock.store.backoff.initial (PT1S, its default)"})
    void oneBackoffKeyConflictingWithTheOthersDefaultFails(String key, String value, String other) {
        property(key, value);
        String message = failure();
        assertTrue(message.contains(key) && message.contains(other) && message.contains("set both"), message);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"airlock.store.backoff.initial, 5m", "airlock.store.backoff.initial, 1ms", "airlock.store.backoff.max, 1s",
            "airlock.store.backoff.max, 999999999d"})
    void oneBackoffKeyWithinTheOthersDefaultIsAccepted(String key, String value) {
        property(key, value);
        AirlockWeld.weld().initialize().close();
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadValueFailsTheDeploymentNamingKeyValueAndWhatIsAllowed(String key, String value, String allowed) {
        property(key, value);
        String message = failure();
        assertTrue(message.contains(key), message);
        assertTrue(message.contains("'" + value + "'"), message);
        assertTrue(message.contains(allowed), message);
    }

    @Test
    void aBackoffWhoseStartIsLongerThanItsCapFails() {
        property(Settings.STORE_BACKOFF_INITIAL, "10m");
        property(Settings.STORE_BACKOFF_MAX, "1m");
        String message = failure();
        assertTrue(message.contains(Settings.STORE_BACKOFF_INITIAL) && message.contains(Settings.STORE_BACKOFF_MAX), message);
    }

    @Test
    void aCompletionDelayAsLongAsTheLeaseFails() {
        property(Settings.STORE_LEASE, "30s");
        property(Settings.STORE_COMPLETION_DELAY, "30s");
        String message = failure();
        assertTrue(message.contains(Settings.STORE_COMPLETION_DELAY) && message.contains("not shorter than " + Settings.STORE_LEASE + " (PT30S)")
                && message.contains("run again"), message);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        property(Settings.JMS_MODE, "sideways");
        property(Settings.JMS_MAX_MESSAGE_SIZE, "lots");
        property("airlock.jms.max-mesage-size", "10");
        String message = failure();
        assertTrue(message.contains(Settings.JMS_MODE) && message.contains(Settings.JMS_MAX_MESSAGE_SIZE)
                && message.contains("airlock.jms.max-mesage-size"), message);
    }

    /** A bad value and unknown names of every kind: one deployment names them all, however they combine. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("problemSets")
    void aBadValueAndUnknownNamesAreAllNamedInOneDeployment(String what, List<String[]> settings, List<String[]> wrong) {
        settings.forEach(kv -> property(kv[0], kv[1]));
        String message = failure();
        for (String[] kv : wrong) {
            assertTrue(message.contains(kv[0]) && message.contains(kv[1]), kv[0] + "=" + kv[1] + " not named: " + message);
        }
    }

    static Stream<Arguments> problemSets() {
        String[] badMode = {Settings.JMS_MODE, "sideways"};
        String[] badSize = {Settings.SCOPE_MAX_INTENTS, "lots"};
        String[] policy = {Settings.POLICY, "com.example.NoSuchPolicy"};
        String[] executor = {Settings.EXECUTOR, "carrier-pigeon"};
        String[] scopeFactory = {Settings.SCOPE_FACTORY, "com.example.NoSuchScope"};
        return Stream.of(
                Arguments.of("a bad value, an unknown policy", List.of(badSize, policy), List.of(badSize, policy)),
                Arguments.of("a bad value, an unknown executor and scope factory", List.of(badSize, executor, scopeFactory),
                        List.of(badSize, executor, scopeFactory)),
                Arguments.of("unknown policy, executor and scope factory", List.of(policy, executor, scopeFactory),
                        List.of(policy, executor, scopeFactory)),
                Arguments.of("an unknown policy, a known executor", List.of(policy, new String[] {Settings.EXECUTOR, "sync"}), java.util.Collections.singletonList(policy)),
                // the jms executor cannot be built with this mode: the mode is what is named
                Arguments.of("a bad JMS mode with the jms executor, an unknown policy",
                        List.of(badMode, new String[] {Settings.EXECUTOR, "jms"}, policy), List.of(badMode, policy)));
    }

    static Stream<Arguments> goodValues() {
        return Stream.of(
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "1"),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, " 4096 "),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, String.valueOf(Settings.MAX_MESSAGE_SIZE_LIMIT)),
                Arguments.of(Settings.JMS_MODE, "IN-TRANSACTION"),
                Arguments.of(Settings.JMS_MODE, "after-commit"),
                Arguments.of(Settings.NO_SCOPE, "join-transaction"),
                Arguments.of(Settings.SCOPE_MAX_INTENTS, "1"),
                Arguments.of(Settings.SCOPE_MAX_INTENTS, " 100000 "),
                Arguments.of(Settings.SCOPE_MAX_INTENTS, "2147483647"),
                Arguments.of(Settings.REQUEST_SCOPE_ENABLED, "FALSE"),
                Arguments.of(Settings.JMS_QUEUE, "java:app/jms/Tasks"),
                Arguments.of(Settings.JMS_MAX_MESSAGE_SIZE, "  "),
                Arguments.of(Settings.STORE, "none"),
                Arguments.of(Settings.STORE_LEASE, "PT10M"),
                Arguments.of(Settings.STORE_POLL_INTERVAL, "500ms"),
                Arguments.of(Settings.STORE_KEEP_COMPLETED, "7d"),
                Arguments.of(Settings.STORE_KEEP_COMPLETED, "0"),
                Arguments.of(Settings.STORE_MAX_RETRIES, "0"),
                Arguments.of(Settings.STORE_COMPLETION_DELAY, "0"),
                Arguments.of(Settings.STORE_COMPLETION_DELAY, "200ms"),
                Arguments.of(Settings.STORE_COMPLETION_DELAY, "PT4M59S"),
                Arguments.of(Settings.HEALTH_MAX_PENDING, "0"),
                Arguments.of(Settings.HEALTH_MAX_PENDING, "10000"),
                Arguments.of(Settings.HEALTH_MAX_PENDING_AGE, "15m"),
                Arguments.of(Settings.HEALTH_MAX_PENDING_AGE, "PT1H"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("goodValues")
    void anAllowedValueDeploys(String key, String value) {
        property(key, value);
        try (WeldContainer container = AirlockWeld.weld().initialize()) {
            assertTrue(container.isRunning());
        }
    }

    @Test
    void theScopeLimitKeyBoundsEveryScopeOfTheApplication() {
        property(Settings.SCOPE_MAX_INTENTS, " 5 ");
        try (WeldContainer container = AirlockWeld.weld().initialize()) {
            assertEquals(5, new io.airlock.Scope().maxIntents());
            assertEquals(5, io.airlock.Airlock.get().scope().create().maxIntents());
        }
    }

    private static String failure() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> AirlockWeld.weld().initialize().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
