package io.airlock.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.internal.web.AirlockServletContainerInitializer;
import io.airlock.spi.RequestFlushDecision;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.environment.servlet.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request filter in Undertow: every dispatch of one request (a forward, an include, an asynchronous dispatch on
 * another thread) runs in the request's one scope, which finishes when the request completes; a {@code @Dependent}
 * flush decision is destroyed after each request.
 */
class RequestDispatchTypesTest {

    /** Enqueues, then forwards, includes, or starts async and dispatches to /render. */
    public static class Front extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
            Airlock.get().enqueue(RecordingMailer::send, "front");
            switch (request.getParameter("mode")) {
                case "forward" -> request.getRequestDispatcher("/render").forward(request, response);
                case "include" -> request.getRequestDispatcher("/render").include(request, response);
                case "asyncDispatch" -> {
                    AsyncContext async = request.startAsync();
                    async.start(() -> async.dispatch("/render"));
                }
                case "asyncFails" -> {
                    AsyncContext async = request.startAsync();
                    async.setTimeout(300);   // never completed: the container times it out
                }
                default -> response.setStatus(200);
            }
        }
    }

    public static class Render extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Airlock.get().enqueue(RecordingMailer::send, "render");
            response.getWriter().write("rendered");
        }
    }

    /** A @Dependent decision bean with a @PreDestroy: the default's rule, counting its lives. */
    @Dependent
    public static class CountingDecision implements RequestFlushDecision {
        static final AtomicInteger created = new AtomicInteger();
        static final AtomicInteger destroyed = new AtomicInteger();

        @PostConstruct
        void created() {
            created.incrementAndGet();
        }

        @PreDestroy
        void destroyed() {
            destroyed.incrementAndGet();
        }

        @Override
        public boolean shouldFlush(HttpServletRequest request, HttpServletResponse response, Throwable error) {
            return error == null && response.getStatus() < 400;
        }
    }

    private WeldContainer weld;
    private DeploymentManager manager;
    private Undertow server;
    private int port;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        weld = AirlockWeld.weld(CountingDecision.class).initialize();
        ServletContainerInitializer sci = ServiceLoader.load(ServletContainerInitializer.class).stream()
                .filter(p -> p.type() == AirlockServletContainerInitializer.class).findFirst().orElseThrow().get();
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(getClass().getClassLoader())
                .setContextPath("/")
                .setDeploymentName("request-dispatch-types")
                .addListener(Servlets.listener(Listener.class, new ImmediateInstanceFactory<>(Listener.using(weld))))
                .addServletContainerInitializer(new ServletContainerInitializerInfo(AirlockServletContainerInitializer.class,
                        new ImmediateInstanceFactory<>(sci), Set.of()))
                .addServlet(Servlets.servlet("front", Front.class).addMapping("/front").setAsyncSupported(true))
                .addServlet(Servlets.servlet("render", Render.class).addMapping("/render").setAsyncSupported(true));
        manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setWorkerThreads(4).setHandler(manager.start()).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (manager != null) {
            manager.stop();
            manager.undeploy();
        }
        if (weld != null) {
            weld.shutdown();
        }
    }

    private HttpResponse<String> get(String mode) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/front?mode=" + mode)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The calls once {@code expected} many were made (or 5 s passed), and 200 ms more: time for any extra one to show. */
    private List<String> calls(int expected) throws InterruptedException {
        Recorder recorder = weld.select(Recorder.class).get();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (recorder.calls().size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        return recorder.calls();
    }

    /** A @Dependent decision bean the filter obtains for each request is destroyed after it (CDI: dependents of an Instance). */
    @Test
    void aDependentDecisionBeanIsDestroyedAfterEachRequest() throws Exception {
        int before = CountingDecision.created.get();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("plain").statusCode());
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (CountingDecision.destroyed.get() < CountingDecision.created.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(CountingDecision.created.get() - before >= 5, "one decision per request");
        assertEquals(CountingDecision.created.get(), CountingDecision.destroyed.get(),
                "created " + CountingDecision.created.get() + ", destroyed " + CountingDecision.destroyed.get());
    }

    @Test
    void aForwardRunsInTheRequestsScope() throws Exception {
        assertEquals(200, get("forward").statusCode());
        assertEquals(List.of("send(front)", "send(render)"), calls(2));
    }

    @Test
    void anIncludeRunsInTheRequestsScope() throws Exception {
        assertEquals(200, get("include").statusCode());
        assertEquals(List.of("send(front)", "send(render)"), calls(2));
    }

    /** jakarta-ee.md: "an asynchronous request flushes when it completes"; the async dispatch is part of that request. */
    @Test
    void anAsyncDispatchOfTheRequestRunsInItsScope() throws Exception {
        HttpResponse<String> response = get("asyncDispatch");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of("send(front)", "send(render)"), calls(2));
    }

    @Test
    void anAsyncRequestThatTimesOutDiscards() throws Exception {
        HttpResponse<String> response = get("asyncFails");
        assertEquals(List.of(), calls(0), "status " + response.statusCode());
    }
}
