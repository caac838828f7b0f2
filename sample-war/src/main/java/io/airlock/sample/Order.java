package io.airlock.sample;

import io.airlock.Airlock;
import io.airlock.DispatchOptions;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * An order of the shop. {@link #process()} is domain code on the entity itself: it cannot inject anything,
 * so it reaches airlock through {@link Airlock#get()} and only <em>enqueues</em> the email and the warehouse
 * call. Whether and when they escape is decided by the boundary around the caller.
 */
@Entity
@Table(name = "SHOP_ORDER") // ORDER is an SQL keyword
public class Order {

    /** How long the warehouse call waits in the broker (JMS delivery delay), so the page shows it pending. */
    static final Duration WAREHOUSE_DELAY = Duration.ofSeconds(2);

    public enum Status {
        NEW, PROCESSED, SHIPPED, FAILED
    }

    /** From {@link OrderNumbers}, in the order's own transaction: a rolled-back import takes no number. */
    @Id
    private Long id;
    private String customer;
    private String email;
    private String item;
    @Enumerated(EnumType.STRING)
    private Status status = Status.NEW;
    private String note;
    private Instant created = Instant.now();
    private Instant processedAt;
    /** How often {@link #process()} ran: once at checkout, once more for each re-process. */
    private int runs;

    protected Order() {
    }

    public Order(long id, String customer, String email, String item) {
        this.id = id;
        this.customer = customer;
        this.email = email;
        this.item = item;
    }

    /**
     * Marks the order processed and enqueues the confirmation email and the warehouse notification. Their origin is this
     * step of the order ({@code checkout}, {@code re-process 1}, …), known here and carried by the intents wherever they
     * go (the broker, the durable store), so that the effect log does not have to guess it later from the order.
     */
    public void process() {
        status = Status.PROCESSED;
        processedAt = Instant.now();
        runs++;
        String step = step("process");
        Airlock.get().origin(step).enqueue(Mailer::sendConfirmation, id, email);
        // Warehouse::notify would clash with Object.notify() (the method reference would be ambiguous)
        Airlock.get().origin(step).options(DispatchOptions.builder().delay(WAREHOUSE_DELAY).build())
                .enqueue(Warehouse::notifyShipment, id, item);
    }

    /**
     * The step of this order that an effect of {@code task} belongs to: {@code shipping} for the shipped notice,
     * {@code re-process N} for the N-th re-process, else {@code checkout} (also for a checkout that rolled back).
     */
    String step(String task) {
        if ("sendShippedNotice".equals(task)) {
            return "shipping";
        }
        return runs > 1 ? "re-process " + (runs - 1) : "checkout";
    }

    /** Only a processed order can be processed again: a failed one was never paid, a shipped one has left. */
    boolean canReprocess() {
        return status == Status.PROCESSED;
    }

    void ship() {
        status = Status.SHIPPED;
    }

    void fail(String reason) {
        status = Status.FAILED;
        note = reason;
    }

    public Long getId() {
        return id;
    }

    public String getCustomer() {
        return customer;
    }

    public String getEmail() {
        return email;
    }

    public String getItem() {
        return item;
    }

    public Status getStatus() {
        return status;
    }

    public String getNote() {
        return note;
    }

    public Instant getCreated() {
        return created;
    }

    public Instant getProcessedAt() {
        return processedAt;
    }
}
