package io.airlock.it.defaults;

import io.airlock.AirlockDefault;
import io.airlock.it.support.Journal;
import io.airlock.policy.BlockTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The application's default policy, a bean of the WAR: no card is charged in this application. */
@AirlockDefault
@ApplicationScoped
public class AppPolicy extends BlockTasks {

    @Inject
    Journal journal;

    public AppPolicy() {
        super("chargeCard");
    }

    /** True when CDI created this instance (a policy made with {@code new} has nothing injected). */
    public boolean createdByCdi() {
        return journal != null;
    }
}
