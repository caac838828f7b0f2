package io.airlock.internal.health;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import javax.naming.InitialContext;
import javax.naming.NamingException;

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
            ConnectionFactory factory = factory(name);
            if (factory == null) {
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

    /** At deployment, where the application's naming context is current: looks the factory up, opening no connection. A failure is left for {@link #problem} to report. */
    static void lookUp(String name) {
        try {
            factory(name);
        } catch (Exception | LinkageError notYet) {
            // the check looks it up again, and says why it cannot
        }
    }

    /** The factory bound to that name (the one found before, once found), or null when something else is bound there. */
    private static ConnectionFactory factory(String name) throws NamingException {
        Found known = found;
        if (known != null && known.name().equals(name)) {
            return known.factory();
        }
        if (!(new InitialContext().lookup(name) instanceof ConnectionFactory looked)) {
            return null;
        }
        found = new Found(name, looked);
        return looked;
    }
}
