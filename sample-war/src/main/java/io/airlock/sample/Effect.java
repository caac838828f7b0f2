package io.airlock.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.time.Instant;

/**
 * What happened to one side effect of an order: the tasks write ESCAPED when they run, the executor writes
 * PENDING when it hands an intent on, the shop writes DROPPED for intents a policy or a rollback held back,
 * and the {@code DispatchFailure} observer writes FAILED. The page reads this table.
 */
@Entity
public class Effect {

    public enum Status {
        PENDING, RETRYING, ESCAPED, DROPPED, FAILED
    }

    @Id
    @GeneratedValue
    private Long id;
    private Long orderId;
    /** {@code email} or {@code warehouse}. */
    private String kind;
    /** The task as airlock names it, e.g. {@code sendConfirmation}. */
    private String task;
    private String detail;
    /** Which step of its order this effect belongs to ({@link Order#step}): {@code checkout}, {@code re-process 1}, {@code shipping}. */
    private String step;
    /** Why its last dispatch attempt failed, while it is RETRYING or FAILED. */
    private String problem;
    @Enumerated(EnumType.STRING)
    private Status status;
    /** The intent's id while it is pending, so that the task (or a failure) can settle this row. */
    private String intentId;
    /** The OpenTelemetry trace the intent belongs to (the request's), where the server reports traces. */
    private String traceId;
    private Instant at = Instant.now();

    protected Effect() {
    }

    Effect(Long orderId, String step, String kind, String task, String detail, Status status, String intentId) {
        this.orderId = orderId;
        this.step = step;
        this.kind = kind;
        this.task = task;
        this.detail = detail;
        this.status = status;
        this.intentId = intentId;
    }

    void settle(Status newStatus, String newDetail) {
        settle(newStatus, newDetail, null);
    }

    void settle(Status newStatus, String newDetail, String newProblem) {
        status = newStatus;
        detail = newDetail;
        problem = newProblem;
        at = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Long getOrderId() {
        return orderId;
    }

    public String getStep() {
        return step;
    }

    public String getProblem() {
        return problem;
    }

    public String getKind() {
        return kind;
    }

    public String getTask() {
        return task;
    }

    public String getDetail() {
        return detail;
    }

    public Status getStatus() {
        return status;
    }

    public String getIntentId() {
        return intentId;
    }

    /** Records the trace the effect belongs to, the first time one is known. */
    void trace(String currentTraceId) {
        if (traceId == null) {
            traceId = currentTraceId;
        }
    }

    public String getTraceId() {
        return traceId;
    }

    public Instant getAt() {
        return at;
    }
}
