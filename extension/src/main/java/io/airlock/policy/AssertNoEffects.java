package io.airlock.policy;

import io.airlock.Intent;
import io.airlock.Policy;
import io.airlock.PolicyViolationException;

/** Throws {@link PolicyViolationException} at the first enqueue: for code that must have no side effects. */
public class AssertNoEffects implements Policy {

    @Override
    public void onEnqueue(Intent intent) {
        throw new PolicyViolationException("Unexpected side effect: " + intent + ". No side effects are allowed in this scope (AssertNoEffects).");
    }

    @Override
    public boolean allows(Intent intent) {
        return false;
    }

    @Override
    public String toString() {
        return "AssertNoEffects";
    }
}
