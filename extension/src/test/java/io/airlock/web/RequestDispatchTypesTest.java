package io.airlock.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockRequest;
import io.airlock.Scope;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.spi.RequestFlushDecision;
import io.undertow.servlet.Servlets;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
            // the injectable request scope is the scope this dispatch runs in
            Optional<Scope> injected = CDI.current().select(AirlockRequest.class).get().scope();
            boolean same = injected.isPresent() && injected.equals(Airlock.get().currentScope());
            response.getWriter().write(same ? "rendered in the request's scope" : "rendered, AirlockRequest.scope() = " + injected);
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

    private UndertowApp app;

    @BeforeEach
    void start() throws Exception {
        app = UndertowApp.start("request-dispatch-types", AirlockWeld.weld(CountingDecision.class).initialize(), 4,
                Servlets.servlet("front", Front.class).addMapping("/front").setAsyncSupported(true),
                Servlets.servlet("render", Render.class).addMapping("/render").setAsyncSupported(true));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private HttpResponse<String> get(String mode) throws Exception {
        return app.get("/front?mode=" + mode);
    }

    /** The calls once {@code expected} many were made (or 5 s passed), and 200 ms more: time for any extra one to show. */
    private List<String> calls(int expected) throws InterruptedException {
        Recorder recorder = app.weld().select(Recorder.class).get();
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
        HttpResponse<String> response = get("forward");
        assertEquals(200, response.statusCode());
        assertEquals("rendered in the request's scope", response.body());
        assertEquals(List.of("send(front)", "send(render)"), calls(2));
    }

    @Test
    void anIncludeRunsInTheRequestsScope() throws Exception {
        HttpResponse<String> response = get("include");
        assertEquals(200, response.statusCode());
        assertEquals("rendered in the request's scope", response.body());
        assertEquals(List.of("send(front)", "send(render)"), calls(2));
    }

    /** jakarta-ee.md: "an asynchronous request flushes when it completes"; the async dispatch is part of that request. */
    @Test
    void anAsyncDispatchOfTheRequestRunsInItsScope() throws Exception {
        HttpResponse<String> response = get("asyncDispatch");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("rendered in the request's scope", response.body());
        assertEquals(List.of("send(front)", "send(render)"), calls(2));
    }

    @Test
    void anAsyncRequestThatTimesOutDiscards() throws Exception {
        HttpResponse<String> response = get("asyncFails");
        assertEquals(List.of(), calls(0), "status " + response.statusCode());
    }
}
