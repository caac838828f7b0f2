package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.fixtures.Calls;
import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.policy.AllowAll;
import io.airlock.policy.DropAll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CleanAirlock.class)
class ConfigurationTest {

    private final Airlock airlock = Airlock.get();

    static class TaggedScope extends Scope {
        TaggedScope(Policy p, IntentExecutor e) {
            super(p, e);
        }
    }

    @Test
    void defaultsAreAllowAllSyncAndPlainScopes() {
        AirlockConfig config = airlock.configuration();
        assertInstanceOf(AllowAll.class, config.policy());
        assertSame(IntentExecutor.sync(), config.executor());
        assertEquals(NoScopeBehavior.FAIL, config.noScope());
        Scope scope = airlock.scope().create();
        assertEquals(Scope.class, scope.getClass());
    }

    @Test
    void applicationDefaultsApplyToScopesOpenedWithoutSettings() {
        List<String> executed = new ArrayList<>();
        airlock.configure(c -> c.withPolicy(new DropAll()).withScopeFactory(TaggedScope::new));
        airlock.run(() -> {
            assertInstanceOf(TaggedScope.class, airlock.currentScope().orElseThrow());
            airlock.enqueue(Mailer::ping);
        });
        assertEquals(List.of(), Calls.all(), "the default policy dropped it");

        airlock.configure(c -> c.withPolicy(new AllowAll()).withExecutor(i -> executed.add(i.name())));
        airlock.run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(List.of("ping"), executed);
    }

    @Test
    void explicitSettingsWinOverDefaults() {
        airlock.configure(c -> c.withPolicy(new DropAll()));
        airlock.scope().policy(new AllowAll()).run(() -> airlock.enqueue(Mailer::ping));
        assertEquals(List.of("ping()"), Calls.all());
    }

    @Test
    void resetReturnsToTheInstalledConfiguration() {
        AirlockConfig before = airlock.configuration();
        airlock.configure(c -> c.withPolicy(new DropAll()));
        airlock.resetConfiguration();
        assertSame(before, airlock.configuration());
        assertThrows(NullPointerException.class, () -> airlock.configure((AirlockConfig) null));
        assertThrows(NullPointerException.class, () -> AirlockConfig.defaults().withPolicy(null));
    }
}
