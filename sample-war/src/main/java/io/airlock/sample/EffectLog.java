package io.airlock.sample;

import io.airlock.DispatchFailure;
import io.airlock.Intent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;

/** Writes and reads the {@link Effect} table. */
@ApplicationScoped
public class EffectLog {

    @PersistenceContext
    EntityManager em;

    /** An intent handed to an executor; the task settles the row when it runs. */
    @Transactional(TxType.REQUIRES_NEW)
    public void pending(Intent intent) {
        em.persist(new Effect(orderId(intent), kind(intent), intent.name(), intent.toString(), Effect.Status.PENDING, intent.id()));
    }

    /** A task ran: settles its pending row, or writes a new one. */
    @Transactional
    public void escaped(Long orderId, String kind, String task, String detail) {
        List<Effect> pending = em.createQuery("select e from Effect e where e.orderId = :o and e.task = :t and e.status = :s order by e.id", Effect.class)
                .setParameter("o", orderId).setParameter("t", task).setParameter("s", Effect.Status.PENDING)
                .setMaxResults(1).getResultList();
        if (pending.isEmpty()) {
            em.persist(new Effect(orderId, kind, task, detail, Effect.Status.ESCAPED, null));
        } else {
            pending.get(0).settle(Effect.Status.ESCAPED, detail);
        }
    }

    /** An intent that a policy or a rollback held back. */
    @Transactional(TxType.REQUIRES_NEW)
    public void dropped(Intent intent, String why) {
        em.persist(new Effect(orderId(intent), kind(intent), intent.name(), intent + ": " + why, Effect.Status.DROPPED, intent.id()));
    }

    /**
     * A dispatch failed (here: the warehouse link is down). After a commit nobody can catch it, so airlock
     * fires this event; the failed intent's row becomes FAILED, and what the batch never attempted is shown.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void onFailure(@Observes DispatchFailure failure) {
        Intent failed = failure.failed();
        String why = failed + " failed: " + failure.cause().getMessage();
        List<Effect> rows = em.createQuery("select e from Effect e where e.intentId = :i", Effect.class)
                .setParameter("i", failed.id()).getResultList();
        if (rows.isEmpty()) {
            em.persist(new Effect(orderId(failed), kind(failed), failed.name(), why, Effect.Status.FAILED, failed.id()));
        } else {
            rows.forEach(e -> e.settle(Effect.Status.FAILED, why));
        }
        for (Intent skipped : failure.notAttempted()) {
            em.persist(new Effect(orderId(skipped), kind(skipped), skipped.name(),
                    skipped + ": not attempted, an earlier intent of its batch failed", Effect.Status.DROPPED, skipped.id()));
        }
    }

    public List<Effect> all() {
        return em.createQuery("select e from Effect e order by e.id", Effect.class).getResultList();
    }

    static Long orderId(Intent intent) {
        return !intent.args().isEmpty() && intent.args().get(0) instanceof Long id ? id : null;
    }

    static String kind(Intent intent) {
        Class<?> target = intent.targetType().orElse(Object.class);
        return target == Warehouse.class ? "warehouse" : target == Mailer.class ? "email" : intent.name();
    }
}
