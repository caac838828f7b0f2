package io.airlock.it.smoke;

/** Event fired inside a transaction. */
public record OrderPlaced(String id) {
}
