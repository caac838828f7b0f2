package io.airlock.policy;

import io.airlock.Intent;
import io.airlock.Policy;
import io.airlock.PolicyViolationException;

/**
 * Throws {@link PolicyViolationException} at the first enqueue: for code that must have no side effects. As a scope's
 * policy it throws where the intent is enqueued (or where a nested scope's flush hands it over); as a local policy,
 * which is asked only at flush, it throws as the scope flushes, so the batch is not dispatched: never silently.
 */
public class AssertNoEffects implements Policy {

    @Override
    public void onEnqueue(Intent intent) {
        throw new PolicyViolationException("Unexpected side effect: " + intent + ". No side effects are allowed in this scope (AssertNoEffects).");
    }

    @Override
    public boolean allows(Intent intent) {
        throw new PolicyViolationException("Unexpected side effect: " + intent + ". No side effects are allowed in this block (AssertNoEffects); "
                + "nothing of this flush is dispatched.");
    }

    @Override
    public String toString() {
        return "AssertNoEffects";
    }
}
