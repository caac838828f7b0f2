package io.airlock;

import io.airlock.spi.TransactionBinding;
import java.util.List;
import java.util.Optional;

/**
 * The airlock scope of the current HTTP request, injectable as a request-scoped bean:
 * {@code @Inject AirlockRequest request; request.pendingIntents()}. Every request of a web application
 * gets a root scope that flushes when the response status is below 400 and discards at 400 or above or
 * on an exception (see {@link io.airlock.spi.RequestFlushDecision} to change that).
 */
public interface AirlockRequest {

    /** The request's root scope; empty outside an HTTP request or when the request scope is switched off. */
    Optional<Scope> scope();

    /**
     * The intents buffered in the request's root scope so far (own and captured) that can still escape, in
     * enqueue order: those of a JTA transaction that rolled back, or is marked to roll back, are left out (see
     * {@link #rolledBackIntents()}).
     * Whether they do escape is decided when the request ends (its status, the scope's policies) and, for those
     * of a transaction still open, by its commit. Empty without a request scope.
     */
    default List<Intent> pendingIntents() {
        return buffered(false);
    }

    /**
     * The intents buffered in the request's root scope whose JTA transaction rolled back or is marked to roll back
     * (rollback-only, timed out): they stay in the buffer until the request ends, and never escape.
     */
    default List<Intent> rolledBackIntents() {
        return buffered(true);
    }

    private List<Intent> buffered(boolean rolledBack) {
        return scope().map(Scope::intents).orElse(List.of()).stream()
                .filter(i -> i.transaction().map(TransactionBinding::willRollBack).orElse(false) == rolledBack)
                .toList();
    }
}
