package io.airlock.it.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.it.Deployments;
import io.airlock.it.smoke.ext.SmokeExtension;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves, inside the server, the platform features airlock builds on. */
@ExtendWith(ArquillianExtension.class)
class PlatformSmokeIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.smoke();
    }

    @Inject
    Orders orders;

    @Inject
    TransactionOutcomes outcomes;

    @Inject
    SmokeExtension extension;

    @Inject
    Greeter greeter;

    @Inject
    GreeterEjb greeterEjb;

    @Inject
    InvocationLog invocations;

    @Inject
    BackgroundGreeter backgroundGreeter;

    @Inject
    SmokeSender sender;

    @Inject
    Inbox inbox;

    @Test
    void afterSuccessObserverRunsAfterCommitOnly() {
        String committed = UUID.randomUUID().toString();
        assertFalse(orders.placeAndCommit(committed), "observer ran before the commit");
        assertTrue(outcomes.committed(committed), "observer did not run after the commit");
        assertFalse(outcomes.rolledBack(committed));

        String failed = UUID.randomUUID().toString();
        assertThrows(IllegalStateException.class, () -> orders.placeAndFail(failed));
        assertTrue(outcomes.rolledBack(failed), "after-failure observer did not run on rollback");
        assertFalse(outcomes.committed(failed), "after-success observer ran although the transaction rolled back");
    }

    @Test
    void portableExtensionFromLibraryJarIsLoaded() throws Exception {
        assertNotNull(extension, "extension from WEB-INF/lib/smoke-extension.jar is not a bean");
        assertTrue(extension.deploymentValidated());
        assertTrue(extension.processed(Greeter.class), "extension did not see the WAR's bean types");
        String location = SmokeExtension.class.getResource("SmokeExtension.class").toString();
        assertTrue(location.contains("smoke-extension.jar"), "extension class not loaded from its jar: " + location);
        assertTrue(Thread.currentThread().getContextClassLoader()
                        .getResources("META-INF/maven/io.airlock/airlock-extension/pom.properties").hasMoreElements(),
                "airlock-extension jar is missing from WEB-INF/lib");
    }

    @Test
    void interceptorBindingWorksOnCdiBeanAndStatelessEjb() {
        long beanCalls = invocations.count("Greeter.greet");
        long ejbCalls = invocations.count("GreeterEjb.greet");
        assertEquals("[Hello bean]", greeter.greet("bean"));
        assertEquals("[Hi ejb]", greeterEjb.greet("ejb"));
        assertEquals(beanCalls + 1, invocations.count("Greeter.greet"));
        assertEquals(ejbCalls + 1, invocations.count("GreeterEjb.greet"));
    }

    @Test
    void managedExecutorTaskSeesCdiBeans() throws Exception {
        String[] result = backgroundGreeter.greet("task").get(30, TimeUnit.SECONDS).split("@", 2);
        assertEquals("[Hello task]", result[0]);
        assertNotEquals(Thread.currentThread().getName(), result[1], "task ran on the caller's thread");
    }

    @Test
    void jmsMessageReachesMessageDrivenBean() throws Exception {
        String text = "smoke-" + UUID.randomUUID();
        sender.send(text);
        assertTrue(inbox.await(text, Duration.ofSeconds(30)), "message-driven bean did not receive " + text);
    }
}
