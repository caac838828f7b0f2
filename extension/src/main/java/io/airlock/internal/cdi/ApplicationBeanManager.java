package io.airlock.internal.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The bean manager of the application airlock runs in. The extension is handed the bean manager of
 * airlock's own jar; on servers that isolate bean archives (Payara/GlassFish) that one does not see the
 * beans and observers of {@code WEB-INF/classes}. The application's is {@code java:comp/BeanManager}, else
 * {@code CDI.current()}, looked up on an application thread.
 */
final class ApplicationBeanManager {

    static final String JNDI_NAME = "java:comp/BeanManager";

    private ApplicationBeanManager() {
    }

    /** The application's bean manager, or {@code fallback} where none can be found from this thread. */
    static BeanManager orElse(BeanManager fallback) {
        BeanManager found = jndi();
        if (found == null) {
            found = current();
        }
        return found != null ? found : fallback;
    }

    static BeanManager jndi() {
        try {
            return (BeanManager) new InitialContext().lookup(JNDI_NAME);
        } catch (NamingException | RuntimeException notHere) {
            return null;
        }
    }

    static BeanManager current() {
        try {
            return CDI.current().getBeanManager();
        } catch (RuntimeException noContainer) {
            return null;
        }
    }
}
