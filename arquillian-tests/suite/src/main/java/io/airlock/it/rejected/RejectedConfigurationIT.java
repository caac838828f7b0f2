package io.airlock.it.rejected;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.it.Deployments;
import io.airlock.it.support.Readiness;
import java.net.http.HttpClient;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A WAR whose airlock configuration is wrong fails to deploy, naming what is wrong; corrected, the same WAR deploys.
 * Where the server has MicroProfile Health (system property {@code it.health.url}), the failed deployment leaves no
 * airlock check that reads DOWN (on WildFly, asserted, the check it registered before the deployment failed stays
 * listed, answering UP as not started), and the corrected deployment's check answers UP.
 */
@ExtendWith(ArquillianExtension.class)
class RejectedConfigurationIT {

    private static final String REJECTED = "rejected";
    private static final String CORRECTED = "corrected";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(name = REJECTED, managed = false, testable = false)
    static WebArchive rejected() {
        return Deployments.rejectedConfiguration();
    }

    @Deployment(name = CORRECTED, managed = false, testable = false)
    static WebArchive corrected() {
        return Deployments.correctedConfiguration();
    }

    @ArquillianResource
    Deployer deployer;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRejectedConfigurationFailsTheDeploymentAndTheCorrectedOneDeploys() throws Exception {
        Exception failed = assertThrows(Exception.class, () -> deployer.deploy(REJECTED), "a deployment with a wrong airlock configuration");
        String why = causes(failed);
        assertTrue(why.contains("airlock.no-scope") && why.contains("no-such-executor"), "the failure names both problems: " + why);

        String ready = System.getProperty("it.health.url");
        if (ready != null && !ready.isBlank()) {
            String afterFailure = Readiness.get(http, ready);
            assertTrue(Readiness.airlockChecks(afterFailure).stream().allMatch(Readiness::isUp),
                    "an airlock check reads DOWN after the failed deployment: " + afterFailure);
            if (System.getProperty("wildfly.home") != null) {
                // the case the check's answer is for: WildFly keeps the check the failed deployment registered
                assertTrue(Readiness.airlockChecks(afterFailure).stream().anyMatch(Readiness::ofDeploymentNotStarted),
                        "WildFly no longer lists the failed deployment's check; then nothing here needs it: " + afterFailure);
            }
        }

        deployer.deploy(CORRECTED);
        try {
            if (ready != null && !ready.isBlank()) {
                String up = Readiness.await(http, ready, Readiness::up, "UP with the corrected deployment", WAIT, () -> "");
                assertEquals(1, Readiness.ofStartedDeployments(up).size(), "one check of a started deployment: " + up);
            }
        } finally {
            deployer.undeploy(CORRECTED);
        }
    }

    /** The messages of {@code failure} and of its causes. */
    private static String causes(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append(" | ");
        }
        return all.toString();
    }
}
