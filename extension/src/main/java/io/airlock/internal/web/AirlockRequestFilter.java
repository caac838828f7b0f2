package io.airlock.internal.web;

import io.airlock.Airlock;
import io.airlock.Scope;
import io.airlock.ScopeStateException;
import io.airlock.internal.cdi.RequestScopeHolder;
import io.airlock.internal.failure.Suppressed;
import io.airlock.spi.RequestFlushDecision;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives every HTTP request a root scope: flushed when the response status is below 400, discarded at 400
 * or above or when an exception escapes (see {@link RequestFlushDecision}). An asynchronous request's scope
 * is closed on the request thread and flushed or discarded when the request completes.
 */
public class AirlockRequestFilter implements Filter {

    static final String NAME = "airlock-request-scope";
    /** The request attribute that holds the request's scope, for its asynchronous dispatches. */
    static final String SCOPE_ATTRIBUTE = "io.airlock.request-scope";
    private static final Logger LOG = Logger.getLogger("io.airlock");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            inRequestScope(request, response, chain);
            return;
        }
        Scope scope = Airlock.get().scope().create();
        Instance<Object> cdi = cdi();
        attach(cdi, scope);
        request.setAttribute(SCOPE_ATTRIBUTE, scope);
        scope.enter();
        Throwable error = null;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            error = e;
            throw e;
        } finally {
            end(scope, cdi, request, response, error);
        }
    }

    /**
     * An asynchronous dispatch ({@code AsyncContext.dispatch}) of a request whose scope waits for the request to
     * complete: the dispatch runs in that scope, on its own thread, and leaves the finishing to the completion.
     */
    private static void inRequestScope(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request.getAttribute(SCOPE_ATTRIBUTE) instanceof Scope scope) || scope.isFlushed() || scope.isDiscarded() || scope.isActive()) {
            chain.doFilter(request, response);
            return;
        }
        scope.enter();
        try {
            chain.doFilter(request, response);
        } finally {
            try {
                if (scope.exitUnwinding()) {
                    LOG.log(Level.WARNING, "A scope opened during an asynchronous dispatch of " + request.getRequestURI() + " was never exited; "
                            + "airlock closed it. Intents buffered in it were not flushed.");
                }
            } catch (ScopeStateException gone) {
                LOG.log(Level.SEVERE, "The airlock scope of the request " + request.getRequestURI() + " was no longer on its thread when "
                        + "an asynchronous dispatch ended", gone);
            }
        }
    }

    /** Takes the request's scope off the thread, closing any scope the request's code left open, and finishes it. */
    private static void end(Scope scope, Instance<Object> cdi, HttpServletRequest request, HttpServletResponse response, Throwable error) {
        try {
            if (scope.exitUnwinding()) {
                LOG.log(Level.WARNING, "A scope opened during the request " + request.getRequestURI() + " was never exited; airlock closed it. "
                        + "Intents buffered in it were not flushed. Close every scope you open with exit() and flush() or discard().");
            }
        } catch (ScopeStateException gone) {
            LOG.log(Level.SEVERE, "The airlock scope of the request " + request.getRequestURI() + " was no longer on its thread when the "
                    + "request ended; none of its intents were flushed", gone);
            return;
        }
        if (error == null && request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new Completion(scope, cdi, request, response));
        } else {
            finish(scope, cdi, request, response, error);
        }
    }

    private static Instance<Object> cdi() {
        try {
            return CDI.current().getBeanManager().createInstance();
        } catch (IllegalStateException noContainer) {
            return null;
        }
    }

    private static void attach(Instance<Object> cdi, Scope scope) {
        if (cdi != null) {
            Instance<RequestScopeHolder> holder = cdi.select(RequestScopeHolder.class);
            if (holder.isResolvable()) {
                try {
                    holder.get().attach(scope);
                } catch (RuntimeException contextNotActive) {
                    LOG.log(Level.FINE, "No active request context; the request scope is not injectable for this request", contextNotActive);
                }
            }
        }
    }

    static void finish(Scope scope, Instance<Object> cdi, HttpServletRequest request, HttpServletResponse response, Throwable error) {
        RequestFlushDecision decision = RequestFlushDecision.DEFAULT;
        Instance.Handle<RequestFlushDecision> handle = null;
        if (cdi != null) {
            Instance<RequestFlushDecision> custom = cdi.select(RequestFlushDecision.class);
            if (custom.isResolvable()) {
                handle = custom.getHandle();
                decision = handle.get();
            }
        }
        boolean flush;
        try {
            flush = decision.shouldFlush(request, response, error);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The request flush decision failed; discarding the request's intents", e);
            flush = false;
        } finally {
            if (handle != null && handle.getBean().getScope() == Dependent.class) {
                handle.destroy(); // one per request: a @Dependent decision is destroyed after use, a normal-scoped one lives on
            }
        }
        if (flush) {
            try {
                scope.flush();
            } catch (RuntimeException dispatchFailure) {
                if (error != null) {
                    Suppressed.add(error, dispatchFailure);
                } else if (response.isCommitted()) {
                    LOG.log(Level.SEVERE, "Dispatch failed after the response of " + request.getRequestURI() + " was committed", dispatchFailure);
                } else {
                    throw dispatchFailure;
                }
            }
        } else {
            scope.discard();
        }
    }

    /** Finishes an asynchronous request's scope when the request completes. */
    private static final class Completion implements AsyncListener {
        private final Scope scope;
        private final Instance<Object> cdi;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private Throwable error;

        Completion(Scope scope, Instance<Object> cdi, HttpServletRequest request, HttpServletResponse response) {
            this.scope = scope;
            this.cdi = cdi;
            this.request = request;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            try {
                finish(scope, cdi, request, response, error);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Dispatch of the intents of asynchronous request " + request.getRequestURI() + " failed", e);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            error = event.getThrowable() != null ? event.getThrowable() : new IllegalStateException("asynchronous request timed out");
        }

        @Override
        public void onError(AsyncEvent event) {
            error = event.getThrowable();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
