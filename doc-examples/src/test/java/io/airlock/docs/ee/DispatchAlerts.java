package io.airlock.docs.ee;

import io.airlock.DispatchFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

// tag::failures[]
@ApplicationScoped
public class DispatchAlerts {
    private static final Logger log = Logger.getLogger(DispatchAlerts.class.getName());
    // end::failures[]
    private final List<DispatchFailure> seen = new CopyOnWriteArrayList<>();

    List<DispatchFailure> seen() {
        return List.copyOf(seen);
    }
    // tag::failures[]

    void onFailure(@Observes DispatchFailure failure) {
        // end::failures[]
        seen.add(failure);
        // tag::failures[]
        log.severe("Not dispatched: " + failure.failed() + " (" + failure.cause() + "); never attempted: "
                + failure.notAttempted() + (failure.afterCompletion() ? "; after commit, no caller saw it" : ""));
    }
}
// end::failures[]
