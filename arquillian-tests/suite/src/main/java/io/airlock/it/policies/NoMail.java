package io.airlock.it.policies;

import io.airlock.policy.BlockTasks;
import jakarta.enterprise.context.Dependent;

/** A policy bean: {@code @Airlocked(policy = NoMail.class)} gets it from CDI. */
@Dependent
public class NoMail extends BlockTasks {

    public NoMail() {
        super("sendMail");
    }
}
