package io.airlock.it.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockDefault;
import io.airlock.IntentExecutor;
import io.airlock.it.Deployments;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Keys;
import io.airlock.policy.AllowAll;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application's default policy and executor as {@code @AirlockDefault} beans of the WAR (in
 * {@code WEB-INF/classes}, while airlock's extension is a jar in {@code WEB-INF/lib}): found at deployment
 * and created by CDI, with their injections (each refuses to work without them), on every server.
 */
@ExtendWith(ArquillianExtension.class)
class DefaultsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.defaults();
    }

    @Inject
    Airlock airlock;

    @Inject
    Journal journal;

    /** The same application-scoped executor the configuration calls (both reach one contextual instance). */
    @Inject
    @AirlockDefault
    AppExecutor executor;

    @Test
    void theWarsDefaultBeansReplaceTheBuiltInDefaults() {
        assertFalse(airlock.configuration().policy() instanceof AllowAll, "the @AirlockDefault policy bean was not found");
        assertNotSame(IntentExecutor.sync(), airlock.configuration().executor(), "the @AirlockDefault executor bean was not found");
    }

    @Test
    void theyJudgeAndRunTheApplicationsIntentsAsBeansWithTheirInjections() {
        String allowed = Keys.unique("defaults");
        String blocked = Keys.unique("defaults-blocked");
        int before = executor.executed();
        airlock.run(() -> {
            airlock.enqueue(Effects::record, allowed);
            airlock.enqueue(Effects::chargeCard, blocked);
        });
        assertTrue(journal.ran(allowed), "the allowed intent did not run");
        assertFalse(journal.ran(blocked), "the default policy let chargeCard through");
        assertEquals(before + 1, executor.executed(), "the default executor did not run the allowed intent");
    }
}
