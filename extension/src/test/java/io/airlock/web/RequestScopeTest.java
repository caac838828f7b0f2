package io.airlock.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockRequest;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.fixtures.LogCapture;
import io.airlock.spi.RequestFlushDecision;
import io.undertow.servlet.Servlets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request filter in a real servlet container (Undertow), registered the way a server registers it. */
class RequestScopeTest {

    /** Enqueues an email, then answers with the status asked for, or throws, or completes asynchronously. */
    public static class ShopServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Airlock.get().enqueue(RecordingMailer::send, request.getParameter("to"));
            AirlockRequest airlockRequest = CDI.current().select(AirlockRequest.class).get();
            response.setHeader("X-Pending", String.valueOf(airlockRequest.pendingIntents().size()));
            response.setHeader("X-Root", String.valueOf(Airlock.get().currentScope().orElseThrow().parent().isEmpty()));
            if ("true".equals(request.getParameter("exitOwn"))) {
                Airlock.get().currentScope().orElseThrow().exit();   // the request's own scope
                Airlock.get().scope().open();
                Airlock.get().enqueue(RecordingMailer::send, "stale-" + request.getParameter("to"));
            }
            if ("true".equals(request.getParameter("leak"))) {
                Airlock.get().scope().open();   // never exited
                Airlock.get().enqueue(RecordingMailer::send, "leaked-" + request.getParameter("to"));
            }
            if ("true".equals(request.getParameter("tx"))) {
                inTransactions(airlockRequest, response);
            }
            if ("true".equals(request.getParameter("doomed"))) {
                inADoomedTransaction(airlockRequest, response);
            }
            if ("true".equals(request.getParameter("fail"))) {
                throw new IllegalStateException("checkout failed");
            }
            if ("true".equals(request.getParameter("async"))) {
                AsyncContext async = request.startAsync();
                async.start(() -> {
                    response.setStatus(Integer.parseInt(request.getParameter("status")));
                    async.complete();
                });
                return;
            }
            response.setStatus(Integer.parseInt(request.getParameter("status")));
            response.getWriter().write("done");
        }
    }

    /** One transaction rolled back, one open while the request's intents are listed. */
    private static void inTransactions(AirlockRequest airlockRequest, HttpServletResponse response) {
        jakarta.transaction.TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        try {
            tm.begin();
            Airlock.get().enqueue(RecordingMailer::send, "rolled back");
            tm.rollback();
            tm.begin();
            Airlock.get().enqueue(RecordingMailer::send, "open");
            response.setHeader("X-Pending-Intents", airlockRequest.pendingIntents().toString());
            response.setHeader("X-Rolled-Back-Intents", airlockRequest.rolledBackIntents().toString());
            tm.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A transaction marked rollback-only while the request's intents are listed: its intent can no longer escape. */
    private static void inADoomedTransaction(AirlockRequest airlockRequest, HttpServletResponse response) {
        jakarta.transaction.TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        try {
            tm.begin();
            Airlock.get().enqueue(RecordingMailer::send, "doomed");
            tm.setRollbackOnly();
            Airlock.get().enqueue(RecordingMailer::send, "doomed too"); // enqueued after the mark
            response.setHeader("X-Pending-Intents", airlockRequest.pendingIntents().toString());
            response.setHeader("X-Rolled-Back-Intents", airlockRequest.rolledBackIntents().toString());
            tm.rollback();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flushes even a 404: an application's own decision. */
    @ApplicationScoped
    public static class FlushNotFound implements RequestFlushDecision {
        @Override
        public boolean shouldFlush(HttpServletRequest request, HttpServletResponse response, Throwable error) {
            return error == null && (response.getStatus() < 400 || response.getStatus() == 404);
        }
    }

    private static final int WORKER_THREADS = 4;

    private UndertowApp app;

    private void start(Class<?>... beans) throws Exception {
        // few worker threads, so that consecutive requests share threads and a scope left on one would show
        app = UndertowApp.start("request-scope-test", AirlockWeld.weld(beans).initialize(), WORKER_THREADS,
                Servlets.servlet("shop", ShopServlet.class).addMapping("/shop").setAsyncSupported(true));
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("airlock.request-scope.enabled");
        if (app != null) {
            app.close();
        }
    }

    private HttpResponse<String> get(String query) throws Exception {
        return app.get("/shop?" + query);
    }

    private List<String> calls() {
        return app.weld().select(Recorder.class).get().calls();
    }

    @Test
    void aSuccessfulResponseFlushesAndTheScopeIsInjectable() throws Exception {
        start();
        HttpResponse<String> response = get("to=a&status=200");
        assertEquals(200, response.statusCode());
        assertEquals("1", response.headers().firstValue("X-Pending").orElseThrow(), "the resource saw its pending intent");
        assertEquals(List.of("send(a)"), calls());
        assertEquals(201, get("to=b&status=201").statusCode());
        assertEquals(List.of("send(a)", "send(b)"), calls());
    }

    @Test
    void clientAndServerErrorsDiscard() throws Exception {
        start();
        assertEquals(404, get("to=a&status=404").statusCode());
        assertEquals(400, get("to=b&status=400").statusCode());
        assertEquals(503, get("to=c&status=503").statusCode());
        assertEquals(399, get("to=d&status=399").statusCode());
        assertEquals(List.of("send(d)"), calls());
    }

    @Test
    void anExceptionDiscards() throws Exception {
        start();
        assertEquals(500, get("to=a&status=200&fail=true").statusCode());
        assertEquals(List.of(), calls());
    }

    @Test
    void anAsynchronousRequestFlushesWhenItCompletes() throws Exception {
        start();
        assertEquals(200, get("to=a&status=200&async=true").statusCode());
        assertEquals(409, get("to=b&status=409&async=true").statusCode());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (calls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(100);
        assertEquals(List.of("send(a)"), calls());
    }

    @Test
    void theApplicationCanReplaceTheDecision() throws Exception {
        start(FlushNotFound.class);
        get("to=a&status=404");
        get("to=b&status=500");
        assertEquals(List.of("send(a)"), calls());
    }

    @Test
    void itCanBeSwitchedOff() throws Exception {
        System.setProperty("airlock.request-scope.enabled", "false");
        start();
        assertEquals(500, get("to=a&status=200").statusCode(), "without a request scope, enqueue has no scope");
        assertEquals(List.of(), calls());
    }

    @Test
    void noScopeIsLeftOnTheRequestThreads() throws Exception {
        start();
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> response = get("to=" + i + "&status=" + (i % 2 == 0 ? 200 : 500) + "&fail=" + (i % 3 == 0));
            assertEquals("true", response.headers().firstValue("X-Root").orElse("true"), "request " + i + " inherited a scope");
        }
        // flushed: even i that did not fail (i % 3 != 0)
        assertEquals(List.of("send(2)", "send(4)", "send(8)", "send(10)", "send(14)", "send(16)", "send(20)", "send(22)", "send(26)",
                "send(28)", "send(32)", "send(34)", "send(38)"), calls());
    }

    @Test
    void aScopeTheRequestLeftOpenIsClosedAndTheRequestScopeStillFlushes() throws Exception {
        start();
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < WORKER_THREADS * 3; i++) {
                HttpResponse<String> response = get("to=" + i + "&status=200&leak=true");
                assertEquals(200, response.statusCode(), "request " + i);
                assertEquals("true", response.headers().firstValue("X-Root").orElseThrow(), "request " + i + " inherited a scope");
            }
            assertEquals(WORKER_THREADS * 3, log.at(Level.WARNING).size(), () -> "warnings: " + log.at(Level.WARNING));
            assertTrue(log.at(Level.WARNING).get(0).contains("/shop") && log.at(Level.WARNING).get(0).contains("never exited"));
        }
        // each request's own email went; the ones buffered in the scope it left open did not
        assertEquals(java.util.stream.IntStream.range(0, WORKER_THREADS * 3).mapToObj(i -> "send(" + i + ")").toList(), calls());
    }

    @Test
    void aRequestThatExitsItsOwnScopeLeavesNothingOnItsThread() throws Exception {
        start();
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < WORKER_THREADS * 3; i++) {
                HttpResponse<String> response = get("to=" + i + "&status=200&exitOwn=" + (i % 2 == 0));
                assertEquals(200, response.statusCode(), "request " + i);
                assertEquals("true", response.headers().firstValue("X-Root").orElseThrow(), "request " + i + " inherited a scope");
            }
            assertEquals(WORKER_THREADS * 3 / 2, log.at(Level.SEVERE).size(), () -> "errors: " + log.at(Level.SEVERE));
            assertTrue(log.at(Level.SEVERE).get(0).contains("no longer on its thread"), log.at(Level.SEVERE).get(0));
        }
        // the requests that kept their scope flushed it; the others flushed nothing, the stale scope's email included
        assertEquals(java.util.stream.IntStream.range(0, WORKER_THREADS * 3).filter(i -> i % 2 == 1).mapToObj(i -> "send(" + i + ")").toList(),
                calls());
    }

    @Test
    void pendingIntentsLeaveOutThoseOfARolledBackTransaction() throws Exception {
        start();
        HttpResponse<String> response = get("to=a&status=200&tx=true");
        assertEquals(200, response.statusCode());
        assertEquals("[send(\"a\"), send(\"open\")]", response.headers().firstValue("X-Pending-Intents").orElseThrow());
        assertEquals("[send(\"rolled back\")]", response.headers().firstValue("X-Rolled-Back-Intents").orElseThrow());
        assertEquals(List.of("send(a)", "send(open)"), calls());
    }

    @Test
    void theIntentsOfATransactionMarkedRollbackOnlyAreNotPending() throws Exception {
        start();
        HttpResponse<String> response = get("to=a&status=200&doomed=true");
        assertEquals(200, response.statusCode());
        assertEquals("[send(\"a\")]", response.headers().firstValue("X-Pending-Intents").orElseThrow());
        assertEquals("[send(\"doomed\"), send(\"doomed too\")]", response.headers().firstValue("X-Rolled-Back-Intents").orElseThrow());
        assertEquals(List.of("send(a)"), calls());
    }
}
