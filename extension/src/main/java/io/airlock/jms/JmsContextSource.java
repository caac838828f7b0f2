package io.airlock.jms;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.util.Objects;

/**
 * How the {@link JmsIntentExecutor} obtains the one {@link JMSContext} it sends a flush's messages through,
 * ends its sends ({@link #commit}), and lets go of it afterwards. The default, {@link #of(ConnectionFactory)}, is
 * {@code connectionFactory.createContext()}: in a Jakarta EE server, a context created inside a JTA
 * transaction from the platform's connection factory is enlisted in that transaction automatically.
 * {@link #transacted(ConnectionFactory)} sends each batch in one local transaction, for plain Java.
 *
 * <p>Outside a server, supply a source that enlists the context in your transaction manager yourself, for
 * example from an XA connection factory:
 *
 * <pre>{@code
 * JmsContextSource xa = new JmsContextSource() {
 *     public JMSContext open() {
 *         XAJMSContext context = xaConnectionFactory.createXAContext();
 *         Transaction tx = transactionManager.getTransaction();
 *         tx.enlistResource(context.getXAResource());
 *         tx.registerSynchronization(closeAfterCompletion(context));
 *         return context.getContext();
 *     }
 *     public void release(JMSContext context) {
 *         // closed after the transaction completes, not before
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface JmsContextSource {

    /**
     * Opens the context for one batch; called once per flush that sends at least one message.
     *
     * @throws jakarta.jms.JMSRuntimeException when the broker cannot be reached: the flush then fails fast
     */
    JMSContext open();

    /**
     * Ends the batch's sends, before {@link #release}: called once when the batch's last message was sent, or
     * after a failure stopped the batch (for the messages sent before it). A transacted source commits here, so
     * the whole batch reaches the broker at once. The default does nothing: a non-transacted context delivers
     * each message when its send returns.
     *
     * @throws RuntimeException when the commit fails: none of the batch's messages was delivered, and airlock
     *     reports every one of them as not dispatched ({@link io.airlock.BatchRolledBackException})
     */
    default void commit(JMSContext context) {
    }

    /** Lets go of the context after the batch was sent (or failed). The default closes it. */
    default void release(JMSContext context) {
        context.close();
    }

    /** A source creating a new context from {@code connectionFactory} for each batch. */
    static JmsContextSource of(ConnectionFactory connectionFactory) {
        Objects.requireNonNull(connectionFactory, "connectionFactory");
        return new JmsContextSource() {
            @Override
            public JMSContext open() {
                return connectionFactory.createContext();
            }

            @Override
            public String toString() {
                return connectionFactory.toString();
            }
        };
    }

    /**
     * A source sending each batch in one local transaction: a {@link JMSContext#SESSION_TRANSACTED} context from
     * {@code connectionFactory}, committed once after the batch's last message. The broker then writes the batch
     * at once instead of message by message (a persistent send on a non-transacted context waits for the
     * broker each time). For plain Java (a client connection factory), not for a Jakarta EE server's connection
     * factory, which forbids local transactions: there the executor sends a batch in a JTA transaction of its
     * own (see {@code docs/jms.md}). For {@link JmsIntentExecutor.Mode#AFTER_COMMIT}: in the in-transaction mode
     * the messages belong to the JTA transaction, which a local transaction is not.
     */
    static JmsContextSource transacted(ConnectionFactory connectionFactory) {
        Objects.requireNonNull(connectionFactory, "connectionFactory");
        return new JmsContextSource() {
            @Override
            public JMSContext open() {
                return connectionFactory.createContext(JMSContext.SESSION_TRANSACTED);
            }

            @Override
            public void commit(JMSContext context) {
                context.commit();
            }

            @Override
            public String toString() {
                return "transacted " + connectionFactory;
            }
        };
    }
}
