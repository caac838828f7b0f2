package io.airlock.policy;

import io.airlock.Intent;
import io.airlock.Policy;
import io.airlock.UsageException;
import java.util.Arrays;
import java.util.List;

/** Several policies as one: each is told of every enqueue, and an intent is allowed only if all allow it. */
public final class AllOf implements Policy {

    private final List<Policy> policies;

    public AllOf(Policy... policies) {
        if (policies == null || Arrays.asList(policies).contains(null)) {
            throw new UsageException("AllOf needs policies, got " + (policies == null ? "null" : Arrays.toString(policies))
                    + ". Pass each policy (new AllowAll() allows everything), without nulls.");
        }
        this.policies = List.of(policies);
    }

    public List<Policy> policies() {
        return policies;
    }

    @Override
    public void onEnqueue(Intent intent) {
        for (Policy p : policies) {
            p.onEnqueue(intent);
        }
    }

    @Override
    public boolean allows(Intent intent) {
        for (Policy p : policies) {
            if (!p.allows(intent)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "AllOf" + policies;
    }
}
