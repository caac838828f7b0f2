package io.airlock.benchmarks;

/** The CDI event of the realistic transaction's baseline: the same two arguments as the intent. */
public record Shipment(Long order, String item) {
}
