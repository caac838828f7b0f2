package io.airlock.it.named;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
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
 * The application's policy and executor named in configuration ({@code META-INF/microprofile-config.properties}):
 * {@code airlock.policy} by the class of a bean of the WAR, {@code airlock.executor} by a bean's {@code @Named}
 * name. Both are found at deployment and created by CDI, with their injections (each refuses to work without
 * them), on every server.
 */
@ExtendWith(ArquillianExtension.class)
class NamedIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.named();
    }

    @Inject
    Airlock airlock;

    @Inject
    Journal journal;

    /** The same application-scoped executor the configuration calls (both reach one contextual instance). */
    @Inject
    ConfiguredExecutor executor;

    @Test
    void theConfiguredBeansReplaceTheBuiltInDefaults() {
        assertFalse(airlock.configuration().policy() instanceof AllowAll, "airlock.policy did not name the policy bean");
        assertNotSame(IntentExecutor.sync(), airlock.configuration().executor(), "airlock.executor did not name the executor bean");
    }

    @Test
    void theyJudgeAndRunTheApplicationsIntentsAsBeansWithTheirInjections() {
        String allowed = Keys.unique("named");
        String blocked = Keys.unique("named-blocked");
        int before = executor.executed();
        airlock.run(() -> {
            airlock.enqueue(Effects::record, allowed);
            airlock.enqueue(Effects::sendMail, blocked);
        });
        assertTrue(journal.ran(allowed), "the allowed intent did not run");
        assertFalse(journal.ran(blocked), "the configured policy let sendMail through");
        assertEquals(before + 1, executor.executed(), "the configured executor did not run the allowed intent");
    }
}
