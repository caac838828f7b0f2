package io.airlock.it.policies;

import io.airlock.Intent;
import io.airlock.it.support.Journal;
import io.airlock.policy.BlockTasks;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * A policy bean: {@code @Airlocked(policy = NoMail.class)} gets it from CDI, with its injections (a policy
 * made with {@code new} instead would refuse to judge).
 */
@Dependent
public class NoMail extends BlockTasks {

    @Inject
    Journal journal;

    public NoMail() {
        super("sendMail");
    }

    @Override
    public boolean allows(Intent intent) {
        if (journal == null) {
            throw new IllegalStateException("NoMail was created without CDI: its @Inject fields are empty");
        }
        return super.allows(intent);
    }
}
