package io.airlock.internal.store;

import io.airlock.Airlock;
import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.UndeliverableIntentException;
import io.airlock.internal.jms.IntentCodec;
import io.airlock.internal.observe.DispatchObserver;
import io.airlock.internal.observe.Observation;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.spi.TransactionBinding;
import io.airlock.spi.TransactionSupport;
import io.airlock.store.StoredIntent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes intents durable: at flush, inside the flushing transaction, it writes each intent as a row of the
 * store (so the row exists only if the transaction commits); right after the commit it dispatches the rows
 * through its delegate and completes them, each intent on its own. Without a transaction it writes the rows
 * in transactions of their own, then dispatches them. What fails is left to the relay, never thrown.
 */
public final class DurableExecutor implements IntentExecutor {

    private final Durability durability;
    private final String name;
    private final IntentExecutor delegate;

    DurableExecutor(Durability durability, String name, IntentExecutor delegate) {
        this.durability = durability;
        this.name = name;
        this.delegate = delegate;
    }

    /** The rows are written at flush, in the transaction: so every intent "dispatches" in it. */
    @Override
    public boolean dispatchesInTransaction(Intent intent) {
        return true;
    }

    /** {@code maxRetries} (the relay's retries), and whatever the delegate honours: it dispatches the stored intent. */
    @Override
    public boolean honours(String option, Intent intent) {
        return DispatchOptions.MAX_RETRIES.equals(option) || delegate.honours(option, intent);
    }

    /** One intent alone, outside a flush: written in a transaction of its own, then dispatched. */
    @Override
    public void execute(Intent intent) throws Exception {
        try (Batch batch = openBatch(List.of(intent))) {
            batch.execute(intent);
        }
    }

    /** Encodes every intent first: one that cannot be stored fails the flush, naming it, before any row is written. */
    @Override
    public Batch openBatch(List<Intent> intents) {
        Map<Intent, String> payloads = new IdentityHashMap<>();
        for (Intent intent : intents) {
            payloads.put(intent, payload(intent));
        }
        return new Rows(payloads);
    }

    private static String payload(Intent intent) {
        String why = whyNotDurable(intent);
        if (why != null) {
            throw new UndeliverableIntentException(intent, "Cannot store " + intent + ": " + why, null);
        }
        DispatchObserver observer = Observation.observer();
        String payload;
        if (observer == DispatchObserver.NONE) {
            payload = IntentCodec.encode(intent);
        } else {
            Map<String, String> trace = new java.util.HashMap<>(4);
            observer.inject(intent, trace::put);   // the trace context, when telemetry is on: in the row
            payload = IntentCodec.encode(intent, trace);
        }
        int unpaired = IntentCodec.unpairedSurrogate(payload);
        if (unpaired >= 0) {
            throw new UndeliverableIntentException(intent, "Cannot store " + intent + ": a String or char in its arguments holds an unpaired "
                    + "UTF-16 surrogate (\\u" + Integer.toHexString(payload.charAt(unpaired)) + "), which has no UTF-8 form: a database that "
                    + "stores text as UTF-8 (PostgreSQL, MySQL) would hand the task '?' instead. Pass whole characters, or the text "
                    + "encoded (Base64, say).", null);
        }
        return payload;
    }

    /**
     * Why an intent cannot be durable, or null: only a method reference to a declared task ({@code @AirlockTask})
     * of a CDI bean can be, since the relay may run it in another process, after a restart.
     */
    public static String whyNotDurable(Intent intent) {
        if (intent.unsendableReason().isPresent()) {
            return "only a method reference to an @AirlockTask method of a CDI bean can be durable, and this one cannot be: "
                    + intent.unsendableReason().get() + ".";
        }
        if (intent.method().isEmpty()) {
            return "only a method reference to an @AirlockTask method of a CDI bean can be durable (a lambda or an ad-hoc task has no "
                    + "method another process could call). Enqueue such a method reference, or enqueue this in a scope whose executor is "
                    + "not durable.";
        }
        String notSendable = TaskRegistry.whyNotSendable(intent.method().get());
        if (notSendable != null) {
            return notSendable;
        }
        if (IntentCodec.unpairedSurrogateIn(intent.args()) != null) {
            return "a String or char in its arguments holds an unpaired UTF-16 surrogate, which has no UTF-8 form: a database that "
                    + "stores text as UTF-8 (PostgreSQL, MySQL) would hand the task '?' instead. Pass whole characters, or the text "
                    + "encoded (Base64, say).";
        }
        String label = unstorable("name", intent.name());
        return label != null ? label : unstorable("id", intent.id());
    }

    /**
     * Why the text of a column of the row (the intent's name, its id) cannot be stored as it is, or null: a NUL
     * character, which PostgreSQL refuses in text, or an unpaired surrogate, which has no UTF-8 form.
     */
    private static String unstorable(String what, String text) {
        if (text.indexOf('\0') >= 0) {
            return "its " + what + " holds a NUL character (\\u0000), which a database such as PostgreSQL does not store in text. Give it "
                    + "a " + what + " without one.";
        }
        if (IntentCodec.unpairedSurrogateIn(List.of(text)) != null) {
            return "its " + what + " holds an unpaired UTF-16 surrogate, which has no UTF-8 form: a database that stores text as UTF-8 "
                    + "would keep '?' instead. Give it a " + what + " of whole characters.";
        }
        return null;
    }

    /** The rows of one flush. */
    private final class Rows implements Batch {
        private final Map<Intent, String> payloads;
        private final TransactionSupport transactions = Airlock.get().configuration().transactionSupport();
        private final TransactionBinding flushTx = transactions.current();
        /** Written in the flushing transaction: dispatched once it commits. */
        private final List<Written> inTransaction = new ArrayList<>();
        /** Written in transactions of their own: dispatched when the flush is done, whatever the flushing transaction does. */
        private final List<Written> own = new ArrayList<>();

        Rows(Map<Intent, String> payloads) {
            this.payloads = payloads;
        }

        @Override
        public void execute(Intent intent) {
            String payload = payloads.get(intent);
            StoredIntent row = durability.row(intent, name, payload != null ? payload : payload(intent));
            Written written = new Written(row, intent);
            if (flushTx != null && flushTx.status() == TransactionBinding.Status.ACTIVE && belongsToFlush(intent)) {
                durability.store().save(List.of(row));
                if (inTransaction.isEmpty()) {
                    flushTx.whenComplete(status -> {
                        if (status == TransactionBinding.Status.COMMITTED) {
                            transactions.runOutside(() -> dispatchAll(inTransaction));
                        }
                    });
                }
                inTransaction.add(written);
            } else {
                // no transaction, or the intent's own (REQUIRES_NEW) transaction committed already: a unit of its own
                transactions.runOutside(() -> durability.store().save(List.of(row)));
                own.add(written);
            }
        }

        private boolean belongsToFlush(Intent intent) {
            TransactionBinding own = intent.transaction().orElse(null);
            return own == null || own == flushTx || own.status() == TransactionBinding.Status.ACTIVE;
        }

        @Override
        public void close() {
            if (own.isEmpty()) {
                return;
            }
            List<Written> mine = List.copyOf(own);
            if (flushTx != null && flushTx.status() == TransactionBinding.Status.ACTIVE) {
                flushTx.whenComplete(status -> transactions.runOutside(() -> dispatchAll(mine)));
            } else {
                dispatchAll(mine);
            }
        }
    }

    private void dispatchAll(List<Written> rows) {
        for (Written w : rows) {
            durability.dispatch(w.row(), w.intent());
        }
    }

    private record Written(StoredIntent row, Intent intent) {
    }

    @Override
    public String toString() {
        return "durable(" + name + ")";
    }
}
