package io.airlock.docs.testing;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import javax.naming.spi.InitialContextFactory;

/** docs/testing.md: a JNDI of a few lines for a weld-junit5 test, named in java.naming.factory.initial. */
// tag::jndi[]
/** A JNDI for tests: lookup returns what bind put there. */
public class MapJndi implements InitialContextFactory {
    private static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    public static void bind(String name, Object value) {
        BOUND.put(name, value);
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        Object bound = BOUND.get(String.valueOf(args[0]));
                        if (bound == null) {
                            throw new NameNotFoundException(args[0] + " is not bound");
                        }
                        yield bound;
                    }
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "MapJndi";
                    default -> throw new OperationNotSupportedException(method.getName());
                });
    }
}
// end::jndi[]
