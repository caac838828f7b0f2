package io.airlock.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.fixtures.LogCapture;
import io.undertow.servlet.Servlets;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A filter that runs before airlock's request filter and leaves a scope open on the worker thread: the scope is taken
 * off when that request ends, so the next request on that thread does not inherit it (its scope is a root again, its
 * intents escape), and a WARNING names what the stale scope held. A filter that opens a scope around the chain, as it should, keeps it: the request's scope nests in it.
 */
class StaleScopeTest {

    /** Leaves a scope open when asked; wraps the chain in a scope of its own when asked. */
    public static class AppFilter implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            if ("true".equals(req.getParameter("leak"))) {
                Airlock.get().scope().open(); // never exited
                Airlock.get().enqueue(RecordingMailer::send, "stale");
            }
            if ("true".equals(req.getParameter("wrap"))) {
                try {
                    Airlock.get().<Exception>run(() -> chain.doFilter(req, res));
                } catch (IOException | ServletException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ServletException(e);
                }
                return;
            }
            chain.doFilter(req, res);
        }
    }

    public static class Shop extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) {
            Airlock.get().enqueue(RecordingMailer::send, request.getParameter("to"));
            response.setHeader("X-Root", String.valueOf(Airlock.get().currentScope().orElseThrow().parent().isEmpty()));
            response.setStatus(200);
        }
    }

    /** An application's own request listener that opens a scope as each request begins and flushes it as it ends. */
    public static class ScopePerRequest implements jakarta.servlet.ServletRequestListener {
        static final List<String> PROBLEMS = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void requestInitialized(jakarta.servlet.ServletRequestEvent event) {
            event.getServletRequest().setAttribute("app-scope", Airlock.get().scope().open());
        }

        @Override
        public void requestDestroyed(jakarta.servlet.ServletRequestEvent event) {
            io.airlock.Scope scope = (io.airlock.Scope) event.getServletRequest().getAttribute("app-scope");
            try {
                scope.exit();
                scope.flush();
            } catch (RuntimeException e) {
                PROBLEMS.add(e.toString());
            }
        }
    }

    private UndertowApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private void start() throws Exception {
        ServletContainerInitializer appFilterFirst = (classes, context) -> context.addFilter("app", new AppFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        app = UndertowApp.start("stale-scope-test", AirlockWeld.weld().initialize(), 1, appFilterFirst,
                Servlets.servlet("shop", Shop.class).addMapping("/shop"));
    }

    private List<String> calls() {
        return app.weld().select(Recorder.class).get().calls();
    }

    @Test
    void aScopeLeftOnTheWorkerThreadIsNotInheritedByTheNextRequest() throws Exception {
        start();
        List<String> roots = new ArrayList<>();
        List<String> warnings;
        try (LogCapture log = new LogCapture()) {
            roots.add(app.get("/shop?to=leaker&leak=true").headers().firstValue("X-Root").orElseThrow());
            for (int i = 0; i < 3; i++) {
                roots.add(app.get("/shop?to=later" + i).headers().firstValue("X-Root").orElseThrow());
            }
            warnings = log.at(Level.WARNING);
        }
        assertEquals(List.of("false", "true", "true", "true"), roots, "the leaking request itself nests in its filter's scope; later ones are roots");
        assertEquals(List.of("send(later0)", "send(later1)", "send(later2)"), calls(),
                "the later requests' intents escape; the leaking request's were captured by the stale scope, which is discarded");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("was still on its thread when the request ended") && w.contains("send(\"stale\")")
                && w.contains("send(\"leaker\")")), warnings.toString());
    }

    @Test
    void aFilterThatOpensAScopeAroundTheChainKeepsIt() throws Exception {
        start();
        assertEquals("false", app.get("/shop?to=wrapped&wrap=true").headers().firstValue("X-Root").orElseThrow());
        assertEquals("true", app.get("/shop?to=plain").headers().firstValue("X-Root").orElseThrow());
        assertEquals(List.of("send(wrapped)", "send(plain)"), calls());
    }

    @Test
    void aScopeTheApplicationsRequestListenerOpensAndClosesIsLeftAlone() throws Exception {
        ScopePerRequest.PROBLEMS.clear();
        ServletContainerInitializer listenerFirst = (classes, context) -> context.addListener(new ScopePerRequest());
        app = UndertowApp.start("stale-scope-listener-test", AirlockWeld.weld().initialize(), 1, listenerFirst,
                Servlets.servlet("shop", Shop.class).addMapping("/shop"));
        List<String> warnings;
        try (LogCapture log = new LogCapture()) {
            assertEquals("false", app.get("/shop?to=a").headers().firstValue("X-Root").orElseThrow(), "the request's scope nests in the listener's");
            assertEquals("false", app.get("/shop?to=b").headers().firstValue("X-Root").orElseThrow());
            warnings = log.at(Level.WARNING);
        }
        assertEquals(List.of(), ScopePerRequest.PROBLEMS);
        assertEquals(List.of(), warnings);
        assertEquals(List.of("send(a)", "send(b)"), calls());
    }
}
