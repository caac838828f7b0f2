package io.airlock.it.support;

import io.airlock.Intent;
import io.airlock.policy.BlockTasks;
import jakarta.inject.Inject;

/**
 * The scenarios' policy beans: a {@link BlockTasks} that refuses to judge unless CDI created it (its injections
 * done), so that a test fails when airlock made the policy with {@code new} instead of getting the bean.
 */
public abstract class InjectedBlockTasks extends BlockTasks {

    @Inject
    Journal journal;

    protected InjectedBlockTasks(String... blocked) {
        super(blocked);
    }

    @Override
    public boolean allows(Intent intent) {
        if (journal == null) {
            throw new IllegalStateException(getClass().getName() + " was created without CDI: its @Inject fields are empty");
        }
        return super.allows(intent);
    }
}
