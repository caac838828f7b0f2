package io.airlock.it.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.it.Deployments;
import io.airlock.it.support.Keys;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP request scope, from the client: 2xx flushes, 4xx/5xx and exceptions discard, the injectable
 * {@code AirlockRequest} shows what is pending, and a caught transactional failure answered with 200 lets
 * nothing of its transaction escape.
 */
@ExtendWith(ArquillianExtension.class)
class RequestScopeIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.request();
    }

    @ArquillianResource
    URL base;

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204})
    void successFlushes(int status) throws Exception {
        String key = Keys.unique("ok");
        assertEquals(status, call("GET", "status/" + status + "/" + key).statusCode());
        assertEquals("record", tasksAfterRequest(key), status + " did not flush");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 500, 503})
    void errorStatusDiscards(int status) throws Exception {
        String key = Keys.unique("error");
        assertEquals(status, call("GET", "status/" + status + "/" + key).statusCode());
        assertEquals("", tasksAfterRequest(key), status + " did not discard");
    }

    @Test
    void exceptionDiscards() throws Exception {
        String key = Keys.unique("throw");
        assertEquals(500, call("GET", "throw/" + key).statusCode());
        assertEquals("", tasksAfterRequest(key), "an exception did not discard");
    }

    @Test
    void injectedRequestScopeShowsPendingIntents() throws Exception {
        String key = Keys.unique("pending");
        HttpResponse<String> response = call("GET", "pending/" + key);
        assertEquals(200, response.statusCode());
        assertEquals("record,sendMail|false", response.body(), "pending intents, and whether one ran during the request");
        assertEquals("record,sendMail", tasksAfterRequest(key));
    }

    @Test
    void caughtCheckoutFailureAnswered200DispatchesNothingOfItsTransaction() throws Exception {
        String key = Keys.unique("checkout");
        HttpResponse<String> response = call("POST", "checkout/" + key);
        assertEquals(200, response.statusCode(), response::body);
        tasksAfterRequest(key);
        assertEquals("record", tasks(key + "-outside"), "the intent enqueued outside the transaction did not escape");
        assertEquals("sendMail", tasks(key + "-committed"), "the committed checkout's intent did not escape");
        assertEquals("", tasks(key + "-failed"), "an intent of the rolled-back transaction escaped");
    }

    /**
     * An executor chosen explicitly for a scope travels with its intents: the request's scope captures the
     * intent of an {@code @Airlocked(executor = "jms")} method and still sends it as a message, which the MDB
     * runs on its own thread after the request.
     */
    @Test
    void anExecutorChosenForAnAirlockedMethodTravelsWithItsIntentsIntoTheRequestScope() throws Exception {
        String key = Keys.unique("jms");
        HttpResponse<String> response = call("GET", "jms/" + key);
        assertEquals(200, response.statusCode(), response::body);
        String[] answer = response.body().split("\\|", -1);
        String intentId = answer[0];
        String requestThread = answer[1];
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (tasks(key).isEmpty()) {
            assertTrue(System.nanoTime() < end, "the task of " + key + " never ran");
            Thread.sleep(50);
        }
        assertEquals("record", tasks(key));
        String mdbThread = call("GET", "threads/" + io.airlock.it.support.JournalingListener.MESSAGE + intentId).body();
        assertTrue(!mdbThread.isEmpty(), "the intent did not arrive as a JMS message (no MDB delivery of intent " + intentId + ")");
        assertEquals(mdbThread, call("GET", "threads/" + key).body(), "the task ran in the MDB's delivery");
        // no check that the two thread names differ: on Open Liberty requests and MDB deliveries share the
        // "Default Executor" pool, so the request's thread, back in the pool, may deliver the message itself
        assertTrue(!requestThread.isEmpty());
    }

    /** Waits until the request of {@code key} has left the application (its scope is done), then its tasks. */
    private String tasksAfterRequest(String key) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String[] state = call("GET", "journal/" + key).body().split("\\|", -1);
            if (Boolean.parseBoolean(state[0])) {
                return state[1];
            }
            assertTrue(System.nanoTime() < end, "the request of " + key + " never finished");
            Thread.sleep(50);
        }
    }

    private String tasks(String key) throws Exception {
        return call("GET", "journal/" + key).body().split("\\|", -1)[1];
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        String root = base.toExternalForm().endsWith("/") ? base.toExternalForm() : base.toExternalForm() + "/";
        URI uri = URI.create(root + RequestApplication.PATH + "/req/" + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
