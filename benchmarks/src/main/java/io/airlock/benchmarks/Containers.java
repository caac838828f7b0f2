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
        return new Weld("bench-" + System.nanoTime())
                .disableDiscovery()
                .addServices(new InMemoryTransactionServices())
                .addExtension(new AirlockExtension())
                .addExtension(new AirlockedExtension())
                .addBeanClasses(Sink.class)
                .addBeanClasses(beans)
                .initialize();
    }
}
