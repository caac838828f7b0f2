package io.airlock.jms;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.util.Objects;

/**
 * How the {@link JmsIntentExecutor} obtains the one {@link JMSContext} it sends a flush's messages through,
 * and lets go of it afterwards. The default, {@link #of(ConnectionFactory)}, is
 * {@code connectionFactory.createContext()}: in a Jakarta EE server, a context created inside a JTA
 * transaction from the platform's connection factory is enlisted in that transaction automatically.
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
}
