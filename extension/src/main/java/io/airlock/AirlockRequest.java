package io.airlock;

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

    /** The intents buffered in the request's root scope so far (own and captured); empty without one. */
    default List<Intent> pendingIntents() {
        return scope().map(Scope::intents).orElse(List.of());
    }
}
