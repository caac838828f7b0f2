package io.airlock.it.smoke;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the message-driven bean received. A broker may keep messages of earlier runs (Open Liberty's
 * embedded engine does), so a test waits for its own text and ignores everything else.
 *
 * <p>No {@code synchronized} methods here: Weld's client proxy copies that modifier, so a thread
 * waiting inside one would hold the lock of the proxy that every caller shares.
 */
@ApplicationScoped
public class Inbox {

    private final ConcurrentMap<String, CompletableFuture<String>> texts = new ConcurrentHashMap<>();

    void received(String text) {
        arrival(text).complete(text);
    }

    public boolean await(String text, Duration timeout) throws InterruptedException, ExecutionException {
        try {
            arrival(text).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    private CompletableFuture<String> arrival(String text) {
        return texts.computeIfAbsent(text, t -> new CompletableFuture<>());
    }
}
