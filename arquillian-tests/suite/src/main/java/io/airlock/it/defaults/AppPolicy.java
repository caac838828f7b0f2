package io.airlock.it.defaults;

import io.airlock.AirlockDefault;
import io.airlock.Intent;
import io.airlock.it.support.Journal;
import io.airlock.policy.BlockTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The application's default policy, a bean of the WAR: no card is charged in this application. It refuses to
 * judge unless CDI created it (its injections done).
 */
@AirlockDefault
@ApplicationScoped
public class AppPolicy extends BlockTasks {

    @Inject
    Journal journal;

    public AppPolicy() {
        super("chargeCard");
    }

    @Override
    public boolean allows(Intent intent) {
        if (journal == null) {
            throw new IllegalStateException("AppPolicy was created without CDI: its @Inject fields are empty");
        }
        return super.allows(intent);
    }
}
