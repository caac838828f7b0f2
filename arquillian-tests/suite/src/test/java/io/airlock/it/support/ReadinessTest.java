package io.airlock.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The readiness answers the server tests read, in the shapes the three servers give them. */
class ReadinessTest {

    /** WildFly, pretty-printed, with its own checks around airlock's. */
    private static final String WILDFLY_UP = """
            {
                "status" : "UP",
                "checks" : [
                    {
                        "name" : "ready-deployment.airlock.war",
                        "status" : "UP"
                    },
                    {
                        "name" : "airlock",
                        "status" : "UP",
                        "data" : {
                            "deployment" : "started",
                            "executor" : "sync"
                        }
                    }
                ]
            }
            """;

    @Test
    void oneStartedCheckThatIsUp() {
        assertEquals(1, Readiness.airlockChecks(WILDFLY_UP).size());
        assertTrue(Readiness.up(WILDFLY_UP));
        assertFalse(Readiness.down(WILDFLY_UP));
    }

    @Test
    void aDownCheckIsDownWhateverTheOtherChecksSay() {
        String body = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"server-state\",\"status\":\"UP\"},"
                + "{\"name\":\"airlock\",\"status\":\"DOWN\",\"data\":{\"broker\":\"unreachable\"}}]}";
        assertTrue(Readiness.down(body));
        assertFalse(Readiness.up(body));
    }

    @Test
    void theStatusInACheckDataIsNotTheCheckStatus() {
        String body = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"airlock\",\"status\":\"DOWN\",\"data\":{\"status\":\"UP\"}}]}";
        assertTrue(Readiness.down(body));
        assertFalse(Readiness.isUp(Readiness.airlockChecks(body).get(0)));
    }

    @Test
    void theCheckOfADeploymentThatDidNotStartIsSetAside() {
        String body = "{\"status\":\"UP\",\"checks\":["
                + "{\"name\":\"airlock\",\"status\":\"UP\",\"data\":{\"deployment\":\"not started: airlock.no-scope: 'sometimes' is not one of throw, ignore, log\"}},"
                + "{\"name\":\"airlock\",\"status\":\"UP\",\"data\":{\"deployment\":\"started\"}}]}";
        List<String> checks = Readiness.airlockChecks(body);
        assertEquals(2, checks.size());
        assertTrue(Readiness.ofDeploymentNotStarted(checks.get(0)));
        assertFalse(Readiness.ofDeploymentNotStarted(checks.get(1)));
        assertEquals(List.of(checks.get(1)), Readiness.ofStartedDeployments(body));
        assertTrue(Readiness.up(body));
    }

    @Test
    void aDeploymentNotStartedAloneIsNeitherUpNorDown() {
        String body = "{\"status\":\"UP\",\"checks\":[{\"name\":\"airlock\",\"status\":\"UP\",\"data\":{\"deployment\":\"not started\"}}]}";
        assertFalse(Readiness.up(body));
        assertFalse(Readiness.down(body));
    }

    @Test
    void twoStartedChecksCannotBeToldApart() {
        String check = "{\"name\":\"airlock\",\"status\":\"UP\",\"data\":{\"deployment\":\"started\"}}";
        String body = "{\"status\":\"UP\",\"checks\":[" + check + "," + check + "]}";
        assertEquals(2, Readiness.ofStartedDeployments(body).size());
        assertFalse(Readiness.up(body));
    }

    @Test
    void bracesAndQuotesInsideStringsDoNotSplitChecks() {
        String body = "{\"status\":\"DOWN\",\"checks\":["
                + "{\"name\":\"other\",\"status\":\"UP\",\"data\":{\"note\":\"unclosed { and ] \\\" [\"}},"
                + "{\"name\":\"airlock\",\"status\":\"DOWN\",\"data\":{\"broker\":\"refused: }\"}}]}";
        List<String> checks = Readiness.airlockChecks(body);
        assertEquals(1, checks.size(), checks::toString);
        assertTrue(checks.get(0).endsWith("}}"), checks.get(0));
        assertTrue(Readiness.down(body));
    }

    @Test
    void anAnswerWithoutAirlockHasNoCheckAndOneWithoutChecksIsRefused() {
        String body = "{\"status\":\"UP\",\"checks\":[{\"name\":\"other\",\"status\":\"UP\"}]}";
        assertEquals(List.of(), Readiness.airlockChecks(body));
        assertFalse(Readiness.up(body));
        assertFalse(Readiness.down(body));
        assertThrows(AssertionError.class, () -> Readiness.airlockChecks("<html>Not Found</html>"));
    }
}
