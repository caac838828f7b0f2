package io.airlock.it.smoke.ext;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A portable extension shipped in its own library jar (not a bean archive) inside the test WAR,
 * the way the airlock extension reaches applications. It only records what the container showed it.
 */
public class SmokeExtension implements Extension {

    private final Set<String> processedTypes = ConcurrentHashMap.newKeySet();
    private volatile boolean deploymentValidated;

    void processed(@Observes ProcessAnnotatedType<?> event) {
        processedTypes.add(event.getAnnotatedType().getJavaClass().getName());
    }

    void validated(@Observes AfterDeploymentValidation event) {
        deploymentValidated = true;
    }

    public boolean processed(Class<?> type) {
        return processedTypes.contains(type.getName());
    }

    public boolean deploymentValidated() {
        return deploymentValidated;
    }
}
