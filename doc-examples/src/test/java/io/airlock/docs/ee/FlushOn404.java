package io.airlock.docs.ee;

import io.airlock.spi.RequestFlushDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

// tag::decision[]
@ApplicationScoped
public class FlushOn404 implements RequestFlushDecision {
    @Override
    public boolean shouldFlush(HttpServletRequest request, HttpServletResponse response, Throwable error) {
        return error == null && (response.getStatus() < 400 || response.getStatus() == 404);
    }
}
// end::decision[]
