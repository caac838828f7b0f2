package io.airlock.docs.shop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the shop's side effects did, in order: the doc examples assert on it. */
public final class Calls {

    private static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private Calls() {
    }

    public static void record(String call) {
        CALLS.add(call);
    }

    public static List<String> all() {
        return List.copyOf(CALLS);
    }

    public static void clear() {
        CALLS.clear();
    }
}
