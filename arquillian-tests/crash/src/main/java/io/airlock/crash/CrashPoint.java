package io.airlock.crash;

/** Where the test kills the server; the keys of a point's orders start with its prefix. */
public enum CrashPoint {
    /** The order committed, its row written; the executor has not run the task. */
    AFTER_COMMIT("p1-"),
    /** The task recorded that it started and has not finished. */
    DURING_DISPATCH("p2-"),
    /** The task finished; the executor has not returned, so the row is not completed. */
    AFTER_TASK("p3-");

    private final String prefix;

    CrashPoint(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
