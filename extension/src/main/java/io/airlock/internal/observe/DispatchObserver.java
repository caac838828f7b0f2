package io.airlock.internal.observe;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What the engine tells of the intents it handles, for telemetry. Every method has a no-op default, and
 * {@link Observation#observer()} is {@link #NONE} unless the CDI extension installed an implementation (only
 * when OpenTelemetry is on the server): the engine calls it unconditionally, and with {@code NONE} the calls
 * are empty, allocate nothing and read no clock.
 *
 * <p>An implementation must not throw: the engine does not guard the calls.
 */
public interface DispatchObserver {

    /** The observer of an application without telemetry. */
    DispatchObserver NONE = new None();

    /** Buffered by a scope, on the enqueuing thread. */
    default void enqueued(Intent intent) {
    }

    /**
     * Dropped before dispatch: {@code reason} is the simple class name of the policy that refused it,
     * {@link #ROLLBACK} (its transaction did not commit), {@link #DISCARD} (its scope was discarded) or
     * {@link #NOT_ATTEMPTED} (a failure before it stopped the dispatch, or the flush could not be dispatched at all).
     */
    default void dropped(Intent intent, String reason) {
    }

    /** Every intent of a discarded scope, dropped. */
    default void discarded(List<Intent> intents) {
    }

    /** A flush begins; the returned value goes back to {@link #flushed}. {@code NONE} returns 0 and reads no clock. */
    default long flushStarting() {
        return 0;
    }

    /** A flush handed {@code count} intents to dispatch. */
    default void flushed(int count, long started) {
    }

    /**
     * The engine hands the intent to its executor; the returned token goes back to {@link #dispatched} on the same
     * thread. The observer may make its span current in between, so that what the executor does (a JMS send, a
     * task submitted to a managed executor) continues it.
     */
    default Object dispatching(Intent intent, IntentExecutor executor) {
        return null;
    }

    /**
     * The executor took the intent (its batch's {@code execute} returned): the dispatch stops being current on this
     * thread. Its outcome follows in {@link #dispatched} when the batch closes, since a batch committed as one (the
     * JMS executor's transacted batch) can still undo it.
     */
    default void handed(Object token) {
    }

    /**
     * The dispatch's outcome: {@code failure} null when the executor took the intent and its batch closed; the
     * executor's exception or error when it threw (then without {@link #handed} before); the batch's failed commit
     * when that undid it.
     */
    default void dispatched(Object token, Intent intent, Throwable failure) {
    }

    /** A failed dispatch attempt will be tried again (the retry executor, the durable relay). */
    default void retried(Intent intent, int failedAttempt, Throwable failure) {
    }

    /** The task begins to run on this thread (any executor: it is {@link Intent#invoke()}); the token goes back to {@link #processed}. */
    default Object processing(Intent intent) {
        return null;
    }

    /** The task returned ({@code failure} null) or threw. */
    default void processed(Object token, Intent intent, Throwable failure) {
    }

    /** {@code copy} (the same id, an option added for its executor) stands for {@code intent} from here on: it continues its trace. */
    default void replaced(Intent intent, Intent copy) {
    }

    /** Writes the propagation fields of the current dispatch (W3C {@code traceparent}) with the intent: a JMS message's properties. */
    default void inject(Intent intent, BiConsumer<String, String> carrier) {
    }

    /** Reads the propagation fields an intent rebuilt from a message or a row travelled with, for its {@link #processing}. */
    default void extract(Intent intent, Function<String, String> carrier) {
    }

    /** The application is undeployed: what the observer registered beyond its calls (callbacks of gauges) goes. */
    default void uninstalled() {
    }

    /** The drop reason of an intent whose transaction did not commit. */
    String ROLLBACK = "rollback";

    /** The drop reason of an intent whose scope was discarded. */
    String DISCARD = "discard";

    /** The drop reason of an intent a failed dispatch left not attempted (fail-fast: the intents after the failed one). */
    String NOT_ATTEMPTED = "not attempted";

    /** Does nothing. */
    final class None implements DispatchObserver {
        private None() {
        }
    }
}
