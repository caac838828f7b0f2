package io.airlock.spi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Decides whether an HTTP request's root scope flushes or discards. Provide a CDI bean of this type to
 * replace the default, which flushes when no exception escaped and the status is below 400.
 */
@FunctionalInterface
public interface RequestFlushDecision {

    /**
     * @param error the exception that escaped the request's processing, or {@code null}
     * @return true to flush, false to discard
     */
    boolean shouldFlush(HttpServletRequest request, HttpServletResponse response, Throwable error);

    /** The default: flush on a status below 400 with no exception. */
    RequestFlushDecision DEFAULT = (request, response, error) -> error == null && response.getStatus() < 400;
}
