package io.airlock.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** The Jakarta-native way to defer a side effect to the commit: a transactional observer. */
@ApplicationScoped
public class SideEffectObserver {

    void onSuccess(@Observes(during = TransactionPhase.AFTER_SUCCESS) SideEffect event) {
        Sink.blackhole.consume(event.id());
    }

    void onShipped(@Observes(during = TransactionPhase.AFTER_SUCCESS) Shipment event) {
        Sink.blackhole.consume(event.order());
        Sink.blackhole.consume(event.item());
    }
}
