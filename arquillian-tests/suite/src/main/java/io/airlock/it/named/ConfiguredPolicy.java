package io.airlock.it.named;

import io.airlock.Intent;
import io.airlock.it.support.Journal;
import io.airlock.policy.BlockTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The policy {@code airlock.policy} names by its class: no mail leaves this application. It refuses to judge
 * unless CDI created it (its injections done).
 */
@ApplicationScoped
public class ConfiguredPolicy extends BlockTasks {

    @Inject
    Journal journal;

    public ConfiguredPolicy() {
        super("sendMail");
    }

    @Override
    public boolean allows(Intent intent) {
        if (journal == null) {
            throw new IllegalStateException("ConfiguredPolicy was created without CDI: its @Inject fields are empty");
        }
        return super.allows(intent);
    }
}
