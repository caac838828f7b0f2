package io.airlock.internal.cdi;

import io.airlock.AirlockRequest;
import io.airlock.Scope;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The request-scoped bean behind {@link AirlockRequest}; the request filter attaches the request's root scope. */
@RequestScoped
public class RequestScopeHolder implements AirlockRequest {

    private Scope scope;

    public void attach(Scope requestScope) {
        this.scope = requestScope;
    }

    @Override
    public Optional<Scope> scope() {
        return Optional.ofNullable(scope);
    }
}
