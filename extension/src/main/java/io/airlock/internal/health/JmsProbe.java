package io.airlock.internal.health;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import javax.naming.InitialContext;

/** Opens and closes a connection through the JMS executor's connection factory; its own class, loaded only when the jms executor is configured. */
final class JmsProbe {

    private JmsProbe() {
    }

    /** The factory found by the first look-up that succeeded, by its name: a health endpoint's thread may not see the application's naming context. */
    private static volatile Found found;

    private record Found(String name, ConnectionFactory factory) {
    }

    /** Null when a connection opens through the factory of that JNDI name, else what went wrong. */
    static String problem(String name) {
        try {
            Found known = found;
            ConnectionFactory factory;
            if (known != null && known.name().equals(name)) {
                factory = known.factory();
            } else {
                Object bound = new InitialContext().lookup(name);
                if (!(bound instanceof ConnectionFactory looked)) {
                    return "'" + name + "' is not a JMS connection factory; check airlock.jms.connection-factory";
                }
                factory = looked;
                found = new Found(name, looked);
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
