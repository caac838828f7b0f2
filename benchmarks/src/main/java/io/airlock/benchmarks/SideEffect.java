package io.airlock.benchmarks;

/** The CDI event of the Event.fire baseline: one per side effect, carrying the same argument as the intent. */
public record SideEffect(Long id) {
}
