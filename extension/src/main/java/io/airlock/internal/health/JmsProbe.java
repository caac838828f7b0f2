package io.airlock.internal.health;

import io.airlock.internal.cdi.Settings;
import io.airlock.jms.JmsIntentExecutor;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import javax.naming.InitialContext;

/** Opens and closes a connection through the JMS executor's connection factory; its own class, loaded only when the jms executor is configured. */
final class JmsProbe {

    private JmsProbe() {
    }

    /** Null when a connection opens, else what went wrong. */
    static String problem() {
        String name = Settings.get(Settings.JMS_CONNECTION_FACTORY).orElse(JmsIntentExecutor.DEFAULT_CONNECTION_FACTORY);
        try {
            Object found = new InitialContext().lookup(name);
            if (!(found instanceof ConnectionFactory factory)) {
                return "'" + name + "' is not a JMS connection factory; check airlock.jms.connection-factory";
            }
            try (JMSContext context = factory.createContext()) {
                context.createProducer();
            }
            return null;
        } catch (Exception | LinkageError unreachable) {
            return "connection factory '" + name + "' unreachable: " + unreachable;
        }
    }
}
