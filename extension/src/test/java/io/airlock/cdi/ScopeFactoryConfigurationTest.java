package io.airlock.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockDefault;
import io.airlock.IntentExecutor;
import io.airlock.Policy;
import io.airlock.Scope;
import io.airlock.ScopeFactory;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.policy.DropAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code airlock.scope-factory}, the counterpart of the original's {@code SCOPE} setting: every scope the application
 * opens (a block, {@code @Airlocked}, the HTTP request, a task's own scope) is of the named type. Checked at deployment.
 */
class ScopeFactoryConfigurationTest {

    /** A scope type as the original's SCOPE named one: here it also flushes when the work threw. */
    public static class FlushAlwaysScope extends Scope {
        public FlushAlwaysScope(Policy policy, IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        public boolean shouldFlush(Throwable error) {
            return true;
        }
    }

    /** What SCOPE_KWARGS gave: a factory bean that passes its own settings to each scope. */
    @Named("auditedScopes")
    @ApplicationScoped
    public static class AuditedScopes implements ScopeFactory {
        @Override
        public Scope create(Policy policy, IntentExecutor executor) {
            return new FlushAlwaysScope(new DropAll(), executor);
        }
    }

    public static class ProducesDefault {
        @Produces
        @AirlockDefault
        ScopeFactory scopes() {
            return FlushAlwaysScope::new;
        }
    }

    public static class NoSuitableConstructor extends Scope {
        public NoSuitableConstructor() {
        }
    }

    private final Map<String, String> set = new HashMap<>();

    private void property(String key, String value) {
        set.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterEach
    void restore() {
        set.forEach((key, old) -> {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        });
    }

    private static void deploy(Weld weld, Consumer<WeldContainer> body) {
        try (WeldContainer container = weld.initialize()) {
            body.accept(container);
        }
    }

    private static String failure(Weld weld) {
        DeploymentException e = assertThrows(DeploymentException.class, () -> deploy(weld, c -> { }));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void aScopeSubclassByClassName() {
        property("airlock.scope-factory", FlushAlwaysScope.class.getName());
        deploy(AirlockWeld.weld(), c -> {
            Airlock airlock = Airlock.get();
            Scope scope = airlock.scope().create();
            assertInstanceOf(FlushAlwaysScope.class, scope);
            assertSame(airlock.configuration().policy(), scope.policy(), "the scope gets the application's policy");
            assertSame(airlock.configuration().executor(), scope.executor());
            // the block's work throws, and the scope type still flushes what it buffered
            assertThrows(IllegalStateException.class, () -> airlock.run(() -> {
                assertInstanceOf(FlushAlwaysScope.class, airlock.currentScope().orElseThrow());
                airlock.enqueue(RecordingMailer::send, "despite the failure");
                throw new IllegalStateException("the work failed");
            }));
            assertEquals(List.of("send(despite the failure)"), c.select(Recorder.class).get().calls());
        });
    }

    @Test
    void aScopeFactoryBeanByName() {
        property("airlock.scope-factory", "auditedScopes");
        deploy(AirlockWeld.weld(AuditedScopes.class), c -> {
            Scope scope = Airlock.get().scope().create();
            assertInstanceOf(FlushAlwaysScope.class, scope);
            assertInstanceOf(DropAll.class, scope.policy(), "the factory chose the policy");
        });
    }

    @Test
    void anAirlockDefaultScopeFactoryBean() {
        deploy(AirlockWeld.weld(ProducesDefault.class), c -> assertInstanceOf(FlushAlwaysScope.class, Airlock.get().scope().create()));
    }

    @Test
    void theKeyWinsOverAnAirlockDefaultBean() {
        property("airlock.scope-factory", Scope.class.getName());
        deploy(AirlockWeld.weld(ProducesDefault.class), c -> assertEquals(Scope.class, Airlock.get().scope().create().getClass()));
    }

    @Test
    void anUnknownNameFailsTheDeploymentNamingTheKey() {
        property("airlock.scope-factory", "com.example.NoSuchScope");
        String message = failure(AirlockWeld.weld());
        assertTrue(message.contains("airlock.scope-factory: unknown scope factory 'com.example.NoSuchScope'"), message);
        assertTrue(message.contains("public (Policy, IntentExecutor) constructor"), message);
    }

    @Test
    void aScopeWithoutThePolicyAndExecutorConstructorFailsTheDeployment() {
        property("airlock.scope-factory", NoSuitableConstructor.class.getName());
        String message = failure(AirlockWeld.weld());
        assertTrue(message.contains(NoSuitableConstructor.class.getName() + " has no public (Policy, IntentExecutor) constructor"), message);
    }

    @Test
    void aClassOfTheWrongKindFailsTheDeployment() {
        property("airlock.scope-factory", String.class.getName());
        String message = failure(AirlockWeld.weld());
        assertTrue(message.contains("java.lang.String is neither a io.airlock.Scope subclass nor a io.airlock.ScopeFactory"), message);
    }
}
