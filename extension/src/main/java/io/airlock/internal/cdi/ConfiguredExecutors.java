package io.airlock.internal.cdi;

import io.airlock.AirlockExecutors;
import io.airlock.IntentExecutor;
import io.airlock.UsageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The bean behind {@link AirlockExecutors}: {@link Components#executor}, once per name. */
@ApplicationScoped
@Typed(AirlockExecutors.class)
public class ConfiguredExecutors implements AirlockExecutors {

    private final Map<String, IntentExecutor> executors = new ConcurrentHashMap<>();
    private BeanManager beanManager;

    protected ConfiguredExecutors() {
        // for the client proxy
    }

    @Inject
    ConfiguredExecutors(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    @Override
    public IntentExecutor get(String name) {
        Objects.requireNonNull(name, "name");
        return executors.computeIfAbsent(name.trim(), n -> {
            try {
                return Components.executor(beanManager, n, "AirlockExecutors.get(\"" + n + "\")");
            } catch (DeploymentException unknown) {
                throw new UsageException(unknown.getMessage(), unknown);
            }
        });
    }
}
