package io.airlock.benchmarks;

import io.airlock.AirlockTask;
import io.airlock.TaskMethod;
import io.airlock.internal.jms.TaskRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The durable benchmarks' task: a declared task ({@link AirlockTask}, so that it can be stored and run by the
 * relay) that does nothing but hand its argument to JMH's blackhole. In plain Java airlock creates it through
 * its no-argument constructor; in Weld it is an application-scoped bean.
 */
@ApplicationScoped
public class DurableSink {

    static final TaskMethod ACCEPT = new TaskMethod(DurableSink.class, DurableSink.class, "accept", List.of(Long.class));

    @AirlockTask
    public void accept(Long id) {
        Sink.blackhole.consume(id);
    }

    /** The declared tasks the relay decodes stored intents against: this one. */
    static TaskRegistry registry() {
        TaskRegistry tasks = new TaskRegistry();
        tasks.registerBean(DurableSink.class, List.of(DurableSink.class));
        return tasks;
    }
}
