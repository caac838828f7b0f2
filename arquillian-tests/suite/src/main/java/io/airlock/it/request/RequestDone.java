package io.airlock.it.request;

import io.airlock.it.support.Journal;
import io.airlock.it.support.Run;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Marks a request as finished once it leaves the application, which is after airlock's request filter has
 * flushed or discarded its scope: from then on the test can tell "discarded" from "not dispatched yet".
 */
@WebListener
public class RequestDone implements ServletRequestListener {

    static final String DONE = "done:";

    @Inject
    Journal journal;

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest http && !http.getRequestURI().contains("/journal/")) {
            String uri = http.getRequestURI();
            journal.add(Run.here(DONE + uri.substring(uri.lastIndexOf('/') + 1), "done", uri));
        }
    }
}
