package io.airlock.it.transactions;

import io.airlock.DispatchFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The application's observer of airlock's {@link DispatchFailure} events: a class of the WAR itself. */
@ApplicationScoped
public class Failures {

    private final List<DispatchFailure> seen = new CopyOnWriteArrayList<>();

    void onFailure(@Observes DispatchFailure failure) {
        seen.add(failure);
    }

    /** The failure of the intent whose first argument is {@code key}, waiting for it up to {@code timeout}. */
    public Optional<DispatchFailure> await(String key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (DispatchFailure f : seen) {
                if (!f.failed().args().isEmpty() && key.equals(f.failed().args().get(0))) {
                    return Optional.of(f);
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }
}
