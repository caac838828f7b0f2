package io.airlock.it.defaults;

import io.airlock.AirlockDefault;
import io.airlock.it.support.CountingExecutor;
import jakarta.enterprise.context.ApplicationScoped;

/** The application's default executor, a bean of the WAR: runs each intent here and counts them. */
@AirlockDefault
@ApplicationScoped
public class AppExecutor extends CountingExecutor {
}
