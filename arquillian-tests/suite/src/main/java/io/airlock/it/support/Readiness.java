package io.airlock.it.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Reads a server's MicroProfile Health readiness answer for airlock's checks (named {@code airlock}). A server can
 * list more than one: WildFly keeps the check of a deployment that failed at {@code AfterDeploymentValidation}, which
 * then says {@code "deployment": "not started: …"}; the check of the deployment that runs is the other one.
 */
public final class Readiness {

    private Readiness() {
    }

    /**
     * Each check named {@code airlock} in the answer, without whitespace. Braces inside a string (an exception's
     * message in a check's data) do not count.
     */
    public static List<String> airlockChecks(String body) {
        String compact = body.replaceAll("\\s", "");
        int checks = compact.indexOf("\"checks\":[");
        if (checks < 0) {
            throw new AssertionError("no checks in " + body);
        }
        List<String> found = new ArrayList<>();
        int depth = 0;
        int from = -1;
        boolean inString = false;
        for (int i = checks + 10; i < compact.length() && depth >= 0; i++) {
            char c = compact.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' && depth++ == 0) {
                from = i;
            } else if (c == '}' && --depth == 0) {
                String check = compact.substring(from, i + 1);
                if (check.contains("\"name\":\"airlock\"")) {
                    found.add(check);
                }
            } else if (c == ']' && depth == 0) {
                break;
            }
        }
        return found;
    }

    /** Whether the check is that of a deployment that did not start (its configuration was rejected). */
    public static boolean ofDeploymentNotStarted(String check) {
        return check.contains("\"deployment\":\"notstarted"); // whitespace removed
    }

    /** Whether the check's own status is UP (its data, which may hold a "status" of its own, not looked at). */
    public static boolean isUp(String check) {
        return check.replaceAll("\"data\":\\{[^}]*}", "").contains("\"status\":\"UP\"");
    }

    /** Whether the answer has one check of a started deployment, and it is UP. */
    public static boolean up(String body) {
        return startedCheck(body, true);
    }

    /** Whether the answer has one check of a started deployment, and it is DOWN. */
    public static boolean down(String body) {
        return startedCheck(body, false);
    }

    /** The checks of started deployments (more than one: two deployments with airlock, whose checks cannot be told apart). */
    public static List<String> ofStartedDeployments(String body) {
        return airlockChecks(body).stream().filter(check -> !ofDeploymentNotStarted(check)).toList();
    }

    private static boolean startedCheck(String body, boolean up) {
        List<String> started = ofStartedDeployments(body);
        return started.size() == 1 && isUp(started.get(0)) == up;
    }

    /** The answer of {@code url} now. */
    public static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Asks {@code url} until its answer passes {@code expected}, and returns that answer without whitespace; fails after
     * {@code wait}, with {@code context} and the last answer.
     */
    public static String await(HttpClient http, String url, Predicate<String> expected, String what, Duration wait, Callable<String> context)
            throws Exception {
        Instant end = Instant.now().plus(wait);
        String body = "";
        while (Instant.now().isBefore(end)) {
            body = get(http, url);
            if (body.contains("\"airlock\"") && expected.test(body)) {
                return body.replaceAll("\\s", "");
            }
            Thread.sleep(200);
        }
        throw new AssertionError(context.call() + "readiness not " + what + " within " + wait + ": " + body);
    }
}
