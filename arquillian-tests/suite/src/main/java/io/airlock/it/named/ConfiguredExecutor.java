package io.airlock.it.named;

import io.airlock.it.support.CountingExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** The executor {@code airlock.executor} names by its bean name: runs each intent here and counts them. */
@Named(ConfiguredExecutor.NAME)
@ApplicationScoped
public class ConfiguredExecutor extends CountingExecutor {

    public static final String NAME = "configuredExecutor";
}
