package io.airlock.it.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.it.Deployments;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Calls the deployed application over HTTP from the test JVM. */
@ExtendWith(ArquillianExtension.class)
class HttpSmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.smoke();
    }

    @ArquillianResource
    URL base;

    @Test
    void jaxRsResourceAnswersThroughCdiAndInterceptor() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String root = base.toExternalForm().endsWith("/") ? base.toExternalForm() : base.toExternalForm() + "/";
        URI uri = URI.create(root + SmokeApplication.PATH + "/greetings/http");
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> uri + " answered " + response.body());
        assertEquals("[Hello http]", response.body());
    }
}
