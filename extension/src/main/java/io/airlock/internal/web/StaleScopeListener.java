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
 * Keeps a request from inheriting a scope that earlier work left on the worker thread. The container tells request
 * listeners of a new request before any filter runs, so a scope current then was opened by work that is over (a filter
 * that opened a scope and never exited it, in an earlier request): left there, it would become the parent of every later
 * request's scope on that thread and capture all their intents, which would never escape. It is taken off the thread and
 * discarded, and a WARNING names what it held. A scope a filter opens around the chain is opened later, and is untouched.
 */
final class StaleScopeListener implements ServletRequestListener {

    private static final Logger LOG = Logger.getLogger("io.airlock");

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        ServletRequest request = event.getServletRequest();
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            return; // an include or forward into this application from another runs inside that request's scopes
        }
        Optional<Scope> current = Airlock.get().currentScope();
        if (current.isEmpty()) {
            return;
        }
        Scope root = current.get();
        while (root.parent().isPresent()) {
            root = root.parent().get();
        }
        List<Intent> held = new ArrayList<>(root.intents());
        try {
            root.exitUnwinding();
        } catch (ScopeStateException gone) {
            // taken off the thread all the same
        }
        if (!root.isFlushed() && !root.isDiscarded()) {
            root.discard();
        }
        String uri = request instanceof HttpServletRequest http ? http.getRequestURI() : String.valueOf(request);
        LOG.log(Level.WARNING, "A scope was left on this thread by earlier work (a filter that opened a scope and never exited it?): " + root
                + ". airlock took it off before the request " + uri + " and discarded what it held, " + held
                + ", so that no later request inherits it. Close every scope you open with exit() and flush() or discard().");
    }
}
