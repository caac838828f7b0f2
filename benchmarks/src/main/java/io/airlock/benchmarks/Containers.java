package io.airlock.benchmarks;

import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.internal.interceptor.AirlockedExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Weld SE set up as the tests set it up: airlock's two extensions, the given beans, no classpath scanning. */
final class Containers {

    private Containers() {
    }

    static WeldContainer start(Class<?>... beans) {
        return weld(beans).addServices(new InMemoryTransactionServices()).initialize();
    }

    /**
     * With Narayana as the transaction manager, as a server has it: Weld's transactional observers and
     * airlock's transaction binding both register with real transactions (Narayana's CDI extension provides
     * the {@code TransactionSynchronizationRegistry} bean that airlock finds).
     */
    static WeldContainer startWithNarayana(Class<?>... beans) {
        configureNarayana();
        return weld(beans).addServices(new NarayanaTransactionServices())
                .addExtension(new com.arjuna.ats.jta.cdi.TransactionExtension())
                .initialize();
    }

    /** Before Narayana reads its configuration: its object store in the temporary directory, no status socket. */
    static void configureNarayana() {
        String store = System.getProperty("java.io.tmpdir") + "/airlock-bench-narayana";
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", store);
        System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", store);
        System.setProperty("CoordinatorEnvironmentBean.transactionStatusManagerEnable", "false");
    }

    private static Weld weld(Class<?>... beans) {
        return new Weld("bench-" + System.nanoTime())
                .disableDiscovery()
                .addExtension(new AirlockExtension())
                .addExtension(new AirlockedExtension())
                .addBeanClasses(Sink.class)
                .addBeanClasses(beans);
    }
}
