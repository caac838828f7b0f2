package io.airlock.sample;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Every error of the API answers JSON, {@code {"status":404,"message":"There is no order 999: …"}}: those the
 * shop throws (a missing order, invalid input, an action the order's state does not allow), those JAX-RS
 * throws (an unknown path, a wrong method or media type), a lock on an order or on the order counter that was not
 * granted in time (503: try again) and any other failure (500, logged with its stack trace). The page shows
 * {@code message} as it is.
 */
@Provider
public class ShopErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ShopErrors.class.getName());
    /** What the only call that reads a form says about it, when its body was not one. */
    private static final String FORM = "the checkout takes a form (application/x-www-form-urlencoded), as curl -d sends it,"
            + " with customer, email, item and payment.";

    /** The body of every error; {@code fields} names the form fields to correct (400 only, else absent). */
    public record ErrorView(int status, String message, List<String> fields) {
    }

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof InvalidInputException invalid) {
            return json(Response.status(Response.Status.BAD_REQUEST), new ErrorView(400, invalid.getMessage(), invalid.fields()));
        }
        if (error instanceof WebApplicationException web) {
            Response answer = web.getResponse();
            String message = web.getMessage() == null ? "" : web.getMessage().replaceFirst("^RESTEASY\\d+: ", "");
            if (message.isBlank() || message.startsWith("HTTP " + answer.getStatus())) {
                message = answer.getStatusInfo().getReasonPhrase();
            }
            if (answer.getStatus() == 405) {
                // RESTEasy's own text ("No resource method found for PUT, return 405 with Allow header") speaks to its developers
                message = "Method Not Allowed: this path takes " + answer.getAllowedMethods().stream()
                        .filter(m -> !m.equals("OPTIONS") && !m.equals("HEAD")).sorted().collect(Collectors.joining(" or ")) + ".";
            } else if (answer.getStatus() == 415) {
                message = "Unsupported Media Type: " + FORM;
            } else if (answer.getStatus() == 400 && message.startsWith("Failed processing arguments")) {
                // RESTEasy could not read the parameters (a checkout with no Content-Type): its text names a Java method
                message = "Bad Request: the request could not be read: " + FORM;
            }
            if (answer.getStatus() >= 500) {
                LOG.log(Level.SEVERE, "The shop answered " + answer.getStatus(), error);
            }
            // fromResponse keeps the headers, e.g. Allow on a 405
            return json(Response.fromResponse(answer), new ErrorView(answer.getStatus(), message, null));
        }
        if (lockNotGranted(error)) {
            LOG.log(Level.WARNING, "A lock was not granted in time", error);
            return json(Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1"), new ErrorView(503,
                    "The shop is busy: other requests held the order (or the order counter) for too long. Nothing was changed and nothing"
                            + " of this request escapes; try again.", null));
        }
        LOG.log(Level.SEVERE, "The shop failed", error);
        return json(Response.serverError(), new ErrorView(500, "The shop failed: " + error
                + ". Nothing of this request escapes (the request's scope discards at 500); the server log has the stack trace.", null));
    }

    /** Whether the database refused a lock after its lock timeout (many requests on one order, or checkouts at once). */
    static boolean lockNotGranted(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PessimisticLockException || t instanceof LockTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Response json(Response.ResponseBuilder answer, ErrorView body) {
        return answer.entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
