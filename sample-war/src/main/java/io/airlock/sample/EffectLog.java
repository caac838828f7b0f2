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

    /** An intent handed to an executor (once: a retry of a durable intent keeps its row); the task settles the row when it runs. */
    @Transactional(TxType.REQUIRES_NEW)
    public void pending(Intent intent) {
        if (byIntent(intent.id()).isEmpty()) {
            em.persist(traced(new Effect(orderId(intent), step(intent), kind(intent), intent.name(), intent.toString(), Effect.Status.PENDING, intent.id())));
        }
    }

    /** A task ran: settles the row of the intent it runs for (pending, retrying or resubmitted), or writes a new one. */
    @Transactional
    public void escaped(Long orderId, String kind, String task, String detail) {
        List<Effect> rows = Intent.running().map(running -> byIntent(running.id())).orElse(List.of());
        if (rows.isEmpty()) {
            rows = em.createQuery("select e from Effect e where e.orderId = :o and e.task = :t and e.status = :s order by e.id", Effect.class)
                    .setParameter("o", orderId).setParameter("t", task).setParameter("s", Effect.Status.PENDING)
                    .setMaxResults(1).getResultList();
        }
        if (rows.isEmpty()) {
            String step = Intent.running().flatMap(Intent::origin).orElseGet(() -> step(orderId, task));
            em.persist(traced(new Effect(orderId, step, kind, task, detail, Effect.Status.ESCAPED, Intent.running().map(Intent::id).orElse(null))));
        } else {
            traced(rows.get(0)).settle(Effect.Status.ESCAPED, detail);
        }
    }

    /** A failed intent was resubmitted: its row is pending again. */
    @Transactional
    public void resubmitted(String intentId) {
        byIntent(intentId).forEach(e -> e.settle(Effect.Status.PENDING, e.getDetail() + " (resubmitted)"));
    }

    private List<Effect> byIntent(String intentId) {
        return em.createQuery("select e from Effect e where e.intentId = :i order by e.id", Effect.class).setParameter("i", intentId)
                .getResultList();
    }

    /** An intent that a policy or a rollback held back. */
    @Transactional(TxType.REQUIRES_NEW)
    public void dropped(Intent intent, String why) {
        em.persist(traced(new Effect(orderId(intent), step(intent), kind(intent), intent.name(), intent + ": " + why, Effect.Status.DROPPED, intent.id())));
    }

    /**
     * A dispatch failed (here: the warehouse link is down). airlock fires this event for each failed attempt: the
     * durable store retries the intent with backoff (RETRYING) until its retries are spent (FAILED, and the page
     * offers to resubmit it); what an in-memory batch never attempted is shown too.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void onFailure(@Observes DispatchFailure failure) {
        Intent failed = failure.failed();
        Effect.Status status = failure.willRetry() ? Effect.Status.RETRYING : Effect.Status.FAILED;
        String why = failed + ": attempt " + failure.attempt() + " failed (" + failure.cause().getMessage() + ")"
                + (failure.willRetry() ? "; retried at " + failure.nextAttemptAt() : "; kept for resubmission");
        String problem = failure.cause().getMessage() == null ? failure.cause().getClass().getSimpleName() : failure.cause().getMessage();
        List<Effect> rows = byIntent(failed.id());
        if (rows.isEmpty()) {
            Effect row = new Effect(orderId(failed), step(failed), kind(failed), failed.name(), why, status, failed.id());
            row.settle(status, why, problem);
            em.persist(row);
        } else {
            rows.forEach(e -> e.settle(status, why, problem));
        }
        for (Intent skipped : failure.notAttempted()) {
            em.persist(new Effect(orderId(skipped), step(skipped), kind(skipped), skipped.name(),
                    skipped + ": not attempted, an earlier intent of its batch failed", Effect.Status.DROPPED, skipped.id()));
        }
    }

    /** The effect with the current trace id, when it has none yet (the task's span continues the request's trace). */
    private static Effect traced(Effect effect) {
        effect.trace(TraceIds.current());
        return effect;
    }

    public List<Effect> all() {
        return em.createQuery("select e from Effect e order by e.id", Effect.class).getResultList();
    }

    /**
     * The step of its order that an intent belongs to: its origin, which {@link Order#process()} sets; else (the shipped
     * notice) read from the order as committed now. Reading it from the order for every intent mislabelled two re-processes
     * at once: the first one's effects, written after both had committed, took the second one's step.
     */
    private String step(Intent intent) {
        return intent.origin().orElseGet(() -> step(orderId(intent), intent.name()));
    }

    private String step(Long orderId, String task) {
        Order order = orderId == null ? null : em.find(Order.class, orderId);
        return order == null ? "" : order.step(task);
    }

    static Long orderId(Intent intent) {
        return !intent.args().isEmpty() && intent.args().get(0) instanceof Long id ? id : null;
    }

    static String kind(Intent intent) {
        Class<?> target = intent.targetType().orElse(Object.class);
        return target == Warehouse.class ? "warehouse" : target == Mailer.class ? "email" : intent.name();
    }
}
