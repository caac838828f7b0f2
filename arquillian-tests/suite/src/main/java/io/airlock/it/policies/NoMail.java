package io.airlock.it.policies;

import io.airlock.it.support.InjectedBlockTasks;
import jakarta.enterprise.context.Dependent;

/**
 * A policy bean: {@code @Airlocked(policy = NoMail.class)} gets it from CDI, with its injections (a policy
 * made with {@code new} instead would refuse to judge).
 */
@Dependent
public class NoMail extends InjectedBlockTasks {

    public NoMail() {
        super("sendMail");
    }
}
