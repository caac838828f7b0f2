package io.airlock.it.support;

import java.util.UUID;

/** Unique keys, so that a test only ever looks at its own effects. */
public final class Keys {

    private Keys() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
