package io.airlock.benchmarks;

/**
 * The JVM every benchmark fork runs in. A fixed, pre-touched heap: with the JVM's default sizing on the
 * 2-core VM of docs/performance.md, heap resizing made some benchmarks alternate between fast iterations and
 * ones up to 20× slower ({@code NestedBench}, the {@code Event.fire} baseline of {@code CdiEnqueueBench}).
 */
public final class Harness {

    /** Initial heap: the same as the maximum, so the heap is never resized during a run. */
    public static final String XMS = "-Xms2g";
    public static final String XMX = "-Xmx2g";
    /** Every page of the heap is touched at start, so no iteration pays for first use of memory. */
    public static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    private Harness() {
    }
}
