package io.airlock.it.smoke;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Transactional observers: one after commit, one after rollback. */
@ApplicationScoped
public class TransactionOutcomes {

    private final Set<String> committed = ConcurrentHashMap.newKeySet();
    private final Set<String> rolledBack = ConcurrentHashMap.newKeySet();

    void afterSuccess(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderPlaced event) {
        committed.add(event.id());
    }

    void afterFailure(@Observes(during = TransactionPhase.AFTER_FAILURE) OrderPlaced event) {
        rolledBack.add(event.id());
    }

    public boolean committed(String id) {
        return committed.contains(id);
    }

    public boolean rolledBack(String id) {
        return rolledBack.contains(id);
    }
}
