package io.airlock.it.airlocked;

import jakarta.ejb.ApplicationException;

/** A failure after which the scope still flushes ({@code dontDiscardOn}); an application exception for EJBs. */
@ApplicationException
public class Partial extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Partial(String message) {
        super(message);
    }
}
