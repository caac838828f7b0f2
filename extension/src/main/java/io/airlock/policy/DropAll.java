package io.airlock.policy;

import io.airlock.Intent;
import io.airlock.Policy;

/**
 * Drops every intent at flush: a dry run. Intents are still buffered and can be inspected on the scope,
 * which is what migrations, bulk imports and tests want.
 */
public class DropAll implements Policy {

    @Override
    public boolean allows(Intent intent) {
        return false;
    }

    @Override
    public String toString() {
        return "DropAll";
    }
}
