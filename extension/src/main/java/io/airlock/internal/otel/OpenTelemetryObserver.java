package io.airlock.internal.otel;

import io.airlock.Intent;
import io.airlock.IntentExecutor;
import io.airlock.internal.failure.FailureText;
import io.airlock.internal.observe.DispatchObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Spans and metrics of airlock through the OpenTelemetry API, following OpenTelemetry's messaging semantic
 * conventions where they apply (docs/observability.md lists every name). Each intent gets a {@code create} span at
 * enqueue, a {@code send} span where the engine hands it to its executor (a child of the create span) and a
 * {@code process} span where its task runs (a child of the send span, also across a JMS hop through the W3C
 * {@code traceparent} message property).
 *
 * <p>Never throws (the engine does not guard its observer): whatever the OpenTelemetry implementation throws (an
 * application's span processor, a propagator, a server's SDK of another version) is logged, once as a WARNING and
 * at FINE after that, and the dispatch goes on as without telemetry. A span processor that throws at a span's end
 * leaves the metrics of that intent counted.
 *
 * <p>Loaded only when the OpenTelemetry API is on the class path and the server provides an {@link OpenTelemetry}
 * bean (MicroProfile Telemetry): nothing outside this package refers to it.
 */
public final class OpenTelemetryObserver implements DispatchObserver {

    static final String INSTRUMENTATION = "io.airlock";

    public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    public static final AttributeKey<String> EXECUTOR = AttributeKey.stringKey("airlock.executor");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("airlock.outcome");
    public static final AttributeKey<String> DROP_REASON = AttributeKey.stringKey("airlock.drop.reason");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("airlock.attempt");

    static final String SYSTEM_NAME = "airlock";

    private static final Logger LOG = Logger.getLogger("io.airlock");

    private static final TextMapGetter<Function<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    /** The dispatch on this thread, so that a task that fails inside it (the sync executor) is counted as failed once, by the dispatch. */
    private static final ThreadLocal<Dispatch> DISPATCHING = new ThreadLocal<>();

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final LongCounter enqueued;
    private final LongCounter sent;
    private final LongCounter consumed;
    private final LongCounter dropped;
    private final LongCounter failed;
    private final LongCounter retried;
    private final DoubleHistogram sendDuration;
    private final DoubleHistogram processDuration;
    private final DoubleHistogram flushDuration;
    /**
     * The trace context each intent carries from enqueue to its task: the create span, then the send span. Weak:
     * an intent that is never dispatched (an abandoned scope) leaves nothing behind.
     */
    private final Map<Intent, Context> contexts = Collections.synchronizedMap(new WeakHashMap<>());

    /** Closed when the observer is uninstalled: what it registered with the SDK, which may outlive the application. */
    private final AutoCloseable registrations;

    public OpenTelemetryObserver(OpenTelemetry openTelemetry) {
        this(openTelemetry, () -> { });
    }

    OpenTelemetryObserver(OpenTelemetry openTelemetry, AutoCloseable registrations) {
        this.registrations = registrations;
        tracer = openTelemetry.getTracer(INSTRUMENTATION);
        propagator = openTelemetry.getPropagators().getTextMapPropagator();
        Meter meter = openTelemetry.getMeter(INSTRUMENTATION);
        enqueued = meter.counterBuilder("airlock.intents.enqueued").setUnit("{intent}")
                .setDescription("Intents buffered by a scope").build();
        sent = meter.counterBuilder("messaging.client.sent.messages").setUnit("{message}")
                .setDescription("Intents handed to their executor (error.type set when it threw)").build();
        consumed = meter.counterBuilder("messaging.client.consumed.messages").setUnit("{message}")
                .setDescription("Tasks run (error.type set when the task threw)").build();
        dropped = meter.counterBuilder("airlock.intents.dropped").setUnit("{intent}")
                .setDescription("Intents that never escaped: refused by a policy, their transaction rolled back, their scope discarded").build();
        failed = meter.counterBuilder("airlock.intents.failed").setUnit("{intent}")
                .setDescription("Intents whose dispatch or task failed").build();
        retried = meter.counterBuilder("airlock.intents.retried").setUnit("{intent}")
                .setDescription("Failed attempts that will be tried again").build();
        sendDuration = meter.histogramBuilder("messaging.client.operation.duration").setUnit("s")
                .setDescription("Time the executor took to take an intent (the whole task for the sync executor), up to its batch's commit").build();
        processDuration = meter.histogramBuilder("messaging.process.duration").setUnit("s")
                .setDescription("Time a task ran").build();
        flushDuration = meter.histogramBuilder("airlock.flush.duration").setUnit("s")
                .setDescription("Time a scope's flush took: policies and dispatch (or its registration after the commit)").build();
    }

    @Override
    public void uninstalled() {
        try {
            registrations.close();
        } catch (Throwable broken) {
            broken("undeployment", broken);
        }
    }

    @Override
    public void enqueued(Intent intent) {
        try {
            Task task = task(intent.name());
            guarded(() -> enqueued.add(1, task.destination));
            Context parent = Context.current();
            Span span = withAttributes(tracer.spanBuilder(task.create).setParent(parent).setSpanKind(SpanKind.PRODUCER), intent, "create", null)
                    .startSpan();
            contexts.put(intent, parent.with(span));
            span.end();
        } catch (Throwable broken) {
            broken("enqueue", broken);
        }
    }

    @Override
    public void dropped(Intent intent, String reason) {
        try {
            contexts.remove(intent);
            String why = reason.isEmpty() ? "anonymous policy" : reason;   // the simple name of an anonymous class
            dropped.add(1, Attributes.of(SYSTEM, SYSTEM_NAME, DESTINATION, intent.name(), DROP_REASON, why));
        } catch (Throwable broken) {
            broken("drop", broken);
        }
    }

    @Override
    public void discarded(List<Intent> intents) {
        for (Intent intent : intents) {
            dropped(intent, DISCARD);
        }
    }

    @Override
    public long flushStarting() {
        return System.nanoTime();
    }

    @Override
    public void flushed(int count, long started) {
        guarded(() -> flushDuration.record(seconds(started), Attributes.of(SYSTEM, SYSTEM_NAME)));
    }

    @Override
    public Object dispatching(Intent intent, IntentExecutor executor) {
        Span span = null;
        try {
            Context parent = contextOf(intent);
            String executorName = io.airlock.internal.observe.ExecutorName.of(executor);
            long started = System.nanoTime();
            span = withAttributes(tracer.spanBuilder(task(intent.name()).send).setParent(parent).setSpanKind(SpanKind.PRODUCER), intent, "send",
                    executorName).startSpan();
            Context context = parent.with(span);
            contexts.put(intent, context);
            Dispatch dispatch = new Dispatch(intent, span, context.makeCurrent(), executorName, started, DISPATCHING.get());
            DISPATCHING.set(dispatch);
            return dispatch;
        } catch (Throwable broken) {
            broken("send", broken);
            if (span != null) {
                Span started = span;
                guarded(started::end);
            }
            return null;   // dispatched() then reports nothing for this intent
        }
    }

    @Override
    public void handed(Object token) {
        if (token instanceof Dispatch dispatch) {
            dispatch.leave();
        }
    }

    @Override
    public void dispatched(Object token, Intent intent, Throwable failure) {
        if (!(token instanceof Dispatch dispatch)) {
            return;
        }
        dispatch.leave();
        try {
            Attributes attributes = end(dispatch.span, failure, task(intent.name()).sent(dispatch.executor));
            sent.add(1, attributes);
            sendDuration.record(seconds(dispatch.started), attributes);
            if (failure != null) {
                failed.add(1, Attributes.of(SYSTEM, SYSTEM_NAME, DESTINATION, intent.name(), ERROR_TYPE, failure.getClass().getName()));
            }
        } catch (Throwable broken) {
            broken("send", broken);
        }
    }

    @Override
    public void retried(Intent intent, int failedAttempt, Throwable failure) {
        guarded(() -> retried.add(1, task(intent.name()).destination));
        Dispatch around = DISPATCHING.get();
        if (around != null && around.intent == intent) {
            // on the intent's send span (the retry combinator's attempts); a redelivery or a relay's retry has none here
            guarded(() -> around.span.addEvent("airlock.retry", Attributes.of(ATTEMPT, (long) failedAttempt, ERROR_TYPE, failure.getClass().getName())));
        }
    }

    @Override
    public Object processing(Intent intent) {
        Span span = null;
        try {
            Context parent = contextOf(intent);
            long started = System.nanoTime();
            span = withAttributes(tracer.spanBuilder(task(intent.name()).process).setParent(parent).setSpanKind(SpanKind.CONSUMER), intent,
                    "process", null).startSpan();
            return new Process(span, parent.with(span).makeCurrent(), started);
        } catch (Throwable broken) {
            broken("process", broken);
            if (span != null) {
                Span started = span;
                guarded(started::end);
            }
            return null;   // processed() then reports nothing for this run
        }
    }

    @Override
    public void processed(Object token, Intent intent, Throwable failure) {
        if (!(token instanceof Process process)) {
            return;
        }
        try {
            guarded(process.scope::close);
            contexts.remove(intent);
            Attributes attributes = end(process.span, failure, task(intent.name()).processed);
            consumed.add(1, attributes);
            processDuration.record(seconds(process.started), attributes);
            Dispatch around = DISPATCHING.get();
            if (failure != null && (around == null || around.intent != intent)) {
                // a task that failed inside its dispatch (the sync executor) is counted by the dispatch, once, after any retries
                failed.add(1, Attributes.of(SYSTEM, SYSTEM_NAME, DESTINATION, intent.name(), ERROR_TYPE, failure.getClass().getName()));
            }
        } catch (Throwable broken) {
            broken("process", broken);
        }
    }

    @Override
    public void replaced(Intent intent, Intent copy) {
        Context carried = contexts.get(intent);
        if (carried != null) {
            contexts.put(copy, carried);
        }
    }

    @Override
    public void inject(Intent intent, BiConsumer<String, String> carrier) {
        try {
            propagator.inject(contextOf(intent), carrier, (c, key, value) -> c.accept(key, value));
        } catch (Throwable broken) {
            broken("inject the trace context of", broken);
        }
    }

    @Override
    public void extract(Intent intent, Function<String, String> carrier) {
        try {
            contexts.put(intent, propagator.extract(Context.root(), carrier, GETTER));
        } catch (Throwable broken) {
            broken("extract the trace context of", broken);
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * What telemetry threw: logged (a WARNING the first time, FINE after that), never passed on, so that the intent is
     * dispatched as without telemetry. The JVM's own distress (out of memory) goes on up.
     */
    private static void broken(String operation, Throwable broken) {
        if (broken instanceof VirtualMachineError && !(broken instanceof StackOverflowError)) {
            throw (VirtualMachineError) broken;
        }
        boolean first = WARNED.compareAndSet(false, true);
        LOG.log(first ? Level.WARNING : Level.FINE, "OpenTelemetry failed to report the " + operation + " of an intent (dispatch is not "
                + "affected; further telemetry failures are logged at FINE): " + broken, broken);
    }

    /** Runs one telemetry call, reporting what it throws. */
    private static void guarded(Runnable call) {
        try {
            call.run();
        } catch (Throwable broken) {
            broken("telemetry", broken);
        }
    }

    /** The context the intent carries, or the current one (an intent built elsewhere, a retried task). */
    private Context contextOf(Intent intent) {
        Context carried = contexts.get(intent);
        return carried != null ? carried : Context.current();
    }

    private static SpanBuilder withAttributes(SpanBuilder span, Intent intent, String operation, String executor) {
        span.setAttribute(SYSTEM, SYSTEM_NAME).setAttribute(OPERATION_TYPE, operation).setAttribute(OPERATION_NAME, operation)
                .setAttribute(MESSAGE_ID, intent.id()).setAttribute(DESTINATION, intent.name());
        if (executor != null) {
            span.setAttribute(EXECUTOR, executor);
        }
        return span;
    }

    /** Ends the span with its outcome; the metric attributes, with the error type when it failed. */
    private static Attributes end(Span span, Throwable failure, Attributes metric) {
        if (failure == null) {
            guarded(() -> {
                span.setAttribute(OUTCOME, "success");
                span.end();
            });
            return metric;
        }
        String type = failure.getClass().getName();
        guarded(() -> {
            span.setAttribute(OUTCOME, "failure");
            span.setAttribute(ERROR_TYPE, type);
            try {
                span.recordException(failure);
            } catch (RuntimeException | StackOverflowError unprintable) {
                // its message or stack trace cannot be read: the span keeps the type and the status
            }
            span.setStatus(StatusCode.ERROR, String.valueOf(FailureText.message(failure)));
            span.end();
        });
        return metric.toBuilder().put(ERROR_TYPE, type).build();
    }

    /** What every span and metric point of one task shares, built once per task name rather than per intent. */
    private Task task(String name) {
        Task task = tasks.get(name);
        if (task == null) {
            task = new Task(name);
            if (tasks.size() < MAX_TASKS) {
                tasks.putIfAbsent(name, task);
            }
        }
        return task;
    }

    /** Task names are the application's methods (or names it gives): bounded in practice; the cache is bounded anyway. */
    private static final int MAX_TASKS = 10_000;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    private static final class Task {
        final String create;
        final String send;
        final String process;
        final Attributes destination;
        final Attributes processed;
        private final Map<String, Attributes> sentBy = new ConcurrentHashMap<>();

        Task(String name) {
            create = "create " + name;
            send = "send " + name;
            process = "process " + name;
            destination = Attributes.of(SYSTEM, SYSTEM_NAME, DESTINATION, name);
            processed = Attributes.of(SYSTEM, SYSTEM_NAME, OPERATION_NAME, "process", DESTINATION, name);
        }

        Attributes sent(String executor) {
            Attributes a = sentBy.get(executor);
            if (a == null) {
                a = Attributes.of(SYSTEM, SYSTEM_NAME, OPERATION_NAME, "send", DESTINATION, destination.get(DESTINATION), EXECUTOR, executor);
                if (sentBy.size() < 64) {
                    sentBy.putIfAbsent(executor, a);
                }
            }
            return a;
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static final class Dispatch {
        final Intent intent;
        final Span span;
        final Scope scope;
        final String executor;
        final long started;
        final Dispatch outer;
        private boolean left;

        Dispatch(Intent intent, Span span, Scope scope, String executor, long started, Dispatch outer) {
            this.intent = intent;
            this.span = span;
            this.scope = scope;
            this.executor = executor;
            this.started = started;
            this.outer = outer;
        }

        /** No longer current on this thread (once: the executor took the intent, or threw). */
        void leave() {
            if (left) {
                return;
            }
            left = true;
            if (outer == null) {
                DISPATCHING.remove();
            } else {
                DISPATCHING.set(outer);
            }
            guarded(scope::close);
        }
    }

    private record Process(Span span, Scope scope, long started) {
    }
}
