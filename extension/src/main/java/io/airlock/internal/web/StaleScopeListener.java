package io.airlock.internal.web;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.Scope;
import io.airlock.ScopeStateException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a scope that a request's work left on the worker thread from outliving the request. airlock's filter closes
 * what the request's code leaves open inside the request's scope; a filter that runs before it (declared in web.xml)
 * and opens a scope it never exits leaves that scope on the thread, where it would become the parent of every later
 * request's scope on that thread and capture all their intents, which would never escape. When the request ends, a
 * scope on the thread above what was there when it began is taken off and discarded, and a WARNING names what it
 * held. What was there when it began (a scope an application's own request listener opened, to close in its
 * {@code requestDestroyed}, which runs after this one) is left alone.
 */
final class StaleScopeListener implements ServletRequestListener {

    private static final Logger LOG = Logger.getLogger("io.airlock");
    private static final String BEFORE = StaleScopeListener.class.getName() + ".before";

    /** The thread a request began on and the scope current there then, if any. */
    private record Before(Thread thread, Scope scope) {
    }

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        ServletRequest request = event.getServletRequest();
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            request.setAttribute(BEFORE, new Before(Thread.currentThread(), Airlock.get().currentScope().orElse(null)));
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        ServletRequest request = event.getServletRequest();
        if (!(request.getAttribute(BEFORE) instanceof Before before) || before.thread() != Thread.currentThread()) {
            return; // not begun here, or ending on another thread (an asynchronous request): nothing of it is on this one
        }
        request.removeAttribute(BEFORE);
        Optional<Scope> current = Airlock.get().currentScope();
        if (current.isEmpty() || current.get() == before.scope()) {
            return;
        }
        Scope left = current.get();
        while (left.parent().isPresent() && left.parent().get() != before.scope()) {
            left = left.parent().get();
        }
        if (left.parent().orElse(null) != before.scope()) {
            return; // what was there has gone meanwhile: not this request's to judge
        }
        List<Intent> held = new ArrayList<>(left.intents());
        try {
            left.exitUnwinding();
        } catch (ScopeStateException gone) {
            // off the thread all the same
        }
        if (!left.isFlushed() && !left.isDiscarded()) {
            left.discard();
        }
        String uri = request instanceof HttpServletRequest http ? http.getRequestURI() : String.valueOf(request);
        LOG.log(Level.WARNING, "A scope opened during the request " + uri + " was still on its thread when the request ended (a filter that "
                + "opened one and never exited it?): " + left + ". airlock took it off and discarded what it held, " + held
                + ", so that no later request on this thread inherits it. Close every scope you open with exit() and flush() or discard().");
    }
}
