package io.airlock.it.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockRequest;
import io.airlock.Intent;
import io.airlock.NoScopeException;
import io.airlock.it.Deployments;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Keys;
import io.airlock.policy.DropAll;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Configuration through MicroProfile Config: the WAR's {@code META-INF/microprofile-config.properties} sets
 * {@code airlock.policy=drop-all} and switches the request scope off; {@code airlock.no-scope} is left at
 * its default, {@code fail}.
 */
@ExtendWith(ArquillianExtension.class)
class ConfigIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.config();
    }

    @Inject
    Airlock airlock;

    @Inject
    AirlockRequest request;

    @Inject
    Journal journal;

    @Test
    void dropAllPolicyFromMicroProfileConfig() {
        assertTrue(airlock.configuration().policy() instanceof DropAll, () -> "policy " + airlock.configuration().policy());
        String key = Keys.unique("config");
        List<Intent> buffered = airlock.call(() -> {
            airlock.enqueue(Effects::record, key);
            return airlock.currentScope().orElseThrow().intents();
        });
        assertEquals(1, buffered.size(), "the intent was not even buffered");
        assertFalse(journal.ran(key), "the configured drop-all policy let an intent through");
    }

    @Test
    void requestScopeSwitchedOff() {
        // this test runs inside an HTTP request (Arquillian's servlet): no request scope, as configured
        assertTrue(request.scope().isEmpty(), "the request scope is on although airlock.request-scope.enabled=false");
    }

    @Test
    void noScopeExceptionOutsideAnyScope() {
        String key = Keys.unique("no-scope");
        NoScopeException e = assertThrows(NoScopeException.class, () -> airlock.enqueue(Effects::record, key));
        assertTrue(e.getMessage().contains("record"), () -> "message does not name the task: " + e.getMessage());
        assertFalse(journal.ran(key));
    }
}
