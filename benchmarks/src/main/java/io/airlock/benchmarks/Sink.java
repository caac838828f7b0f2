package io.airlock.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The task target of every benchmark: a side effect that costs nothing but cannot be optimised away. In
 * plain Java airlock creates it through its no-argument constructor; in Weld it is an application-scoped
 * bean.
 */
@ApplicationScoped
public class Sink {

    /** JMH's sink for values, set through {@link #use}. */
    static volatile Blackhole blackhole;

    /** Work per call in JMH tokens ({@code Blackhole.consumeCPU}); 0 except in {@link FlushBench}. */
    static volatile long tokens;

    /** Sets the sink for values; each benchmark's setup calls it. */
    public static void use(Blackhole sink) {
        blackhole = sink;
    }

    /** A side effect with two arguments, as an order's shipment: the realistic transaction's task. */
    public void ship(Long order, String item) {
        blackhole.consume(order);
        blackhole.consume(item);
    }

    public void accept(Long id) {
        long work = tokens;
        if (work > 0) {
            Blackhole.consumeCPU(work);
        }
        blackhole.consume(id);
    }
}
