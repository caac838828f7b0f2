package io.airlock.it.defaults;

import io.airlock.AirlockDefault;
import io.airlock.it.support.InjectedBlockTasks;
import jakarta.enterprise.context.ApplicationScoped;

/** The application's default policy, a bean of the WAR: no card is charged in this application. */
@AirlockDefault
@ApplicationScoped
public class AppPolicy extends InjectedBlockTasks {

    public AppPolicy() {
        super("chargeCard");
    }
}
