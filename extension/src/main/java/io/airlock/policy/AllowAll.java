package io.airlock.policy;

import io.airlock.Intent;
import io.airlock.Policy;

/** Allows every intent. The default policy. */
public final class AllowAll implements Policy {

    @Override
    public boolean allows(Intent intent) {
        return true;
    }

    @Override
    public String toString() {
        return "AllowAll";
    }
}
