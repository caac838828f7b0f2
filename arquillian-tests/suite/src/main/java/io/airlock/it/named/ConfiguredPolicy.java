package io.airlock.it.named;

import io.airlock.it.support.InjectedBlockTasks;
import jakarta.enterprise.context.ApplicationScoped;

/** The policy {@code airlock.policy} names by its class: no mail leaves this application. */
@ApplicationScoped
public class ConfiguredPolicy extends InjectedBlockTasks {

    public ConfiguredPolicy() {
        super("sendMail");
    }
}
