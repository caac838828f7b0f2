package io.airlock;

import io.airlock.internal.observe.DispatchObserver;
import io.airlock.internal.observe.Observation;
import io.airlock.spi.TargetResolver;
import io.airlock.spi.TransactionBinding;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The intent to perform a side effect: a task, its positional arguments, a name, an optional origin, dispatch
 * options, and the local policies that were active when it was enqueued. Immutable; compared by identity.
 *
 * <p>{@code enqueue} returns the intent it buffered, so callers can keep its {@link #id()}.
 * {@link #toString()} reads like the call it stands for: {@code sendConfirmation(42, "a@b.c")}.
 */
public final class Intent {

    /** One random prefix per JVM makes ids unique across the JVMs that exchange intents over a queue. */
    private static final String ID_PREFIX = Long.toHexString(new java.security.SecureRandom().nextLong() | Long.MIN_VALUE);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final VarHandle ID;

    static {
        try {
            ID = MethodHandles.lookup().findVarHandle(Intent.class, "id", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Given (an intent rebuilt from a message keeps its sender's id) or drawn on first use: most intents
     * never need one, so enqueue does not pay for a shared counter.
     */
    private volatile String id;
    private final Object body;
    private final TaskInfo info;
    private final Object[] args;
    /** Settings, local policies, transaction and resolver: shared with the intents enqueued beside this one (32 B per intent). */
    private final EnqueueContext context;

    private Intent(String externalId, Object body, TaskInfo info, Object[] args, EnqueueContext context) {
        if (externalId != null) {
            this.id = externalId;
        }
        this.body = body;
        this.info = info;
        this.args = args;
        this.context = context;
    }

    /** Used by the engine on the enqueue path: no copies, no checks beyond what the engine already did. */
    static Intent create(Object body, TaskInfo info, Object[] args, EnqueueContext context) {
        return new Intent(null, body, info, args, context);
    }

    /**
     * A unique id: unique within this JVM, and prefixed per JVM so that ids from different JVMs differ too.
     * Drawn when first asked for, then fixed: every caller, on any thread, sees the same id.
     */
    public String id() {
        String current = id;
        if (current != null) {
            return current;
        }
        String drawn = ID_PREFIX + "-" + SEQUENCE.incrementAndGet();
        String witness = (String) ID.compareAndExchange(this, null, drawn);
        return witness == null ? drawn : witness;
    }

    /** The task's name: the method's name, or the name given explicitly at enqueue. */
    public String name() {
        String given = context.settings().name();
        return given != null ? given : info.name();
    }

    /** The positional arguments, unmodifiable. */
    public List<Object> args() {
        return Collections.unmodifiableList(Arrays.asList(args));
    }

    /** Where the intent came from (a request path, a job name), when the enqueuing code said so. */
    public Optional<String> origin() {
        return Optional.ofNullable(context.settings().origin());
    }

    /** Delay, priority, destination and retries for executors that honour them; none by default. */
    public DispatchOptions options() {
        return context.settings().options();
    }

    /** The local policies that were active when this intent was enqueued, outermost first. */
    public List<Policy> localPolicies() {
        return context.localPolicies();
    }

    /**
     * Whether every captured local policy allows this intent, innermost first; a policy that refuses by throwing
     * {@link PolicyViolationException} counts as not allowing it. This says nothing about the scope's policy, whether
     * the scope flushes, or whether dispatch succeeds: it is for inspection.
     */
    public boolean passesLocalPolicies() {
        ThreadState judging = ThreadState.startJudging(); // the policies judge here as at a flush: they never enqueue
        try {
            return passesLocal();
        } catch (PolicyViolationException refused) {
            return false; // a policy that refuses by throwing (AssertNoEffects, a throwing BlockTasks) does not let it pass
        } finally {
            judging.stopJudging();
        }
    }

    /** {@link #passesLocalPolicies}, for a flush that already counts as judging. */
    boolean passesLocal() {
        List<Policy> localPolicies = context.localPolicies();
        for (int i = localPolicies.size() - 1; i >= 0; i--) {
            if (!localPolicies.get(i).allows(this)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The identity of the task's method, present when the task is a method reference on a target type
     * (not a lambda, not an ad-hoc task): what an executor needs to send the intent elsewhere.
     */
    public Optional<TaskMethod> method() {
        return info == null ? Optional.empty() : Optional.ofNullable(info.method());
    }

    /**
     * Why this intent, though its task is written as a method reference, carries no method identity and so can be
     * neither sent as a message nor stored, with what to write instead; empty otherwise. It is present for a method
     * reference to a varargs method called with its arguments spread ({@code enqueue(Mailer::send, "a", "b")} for
     * {@code send(String... to)}), which javac compiles into a lambda that packs them into an array. Such an intent
     * runs in-process like any other, but an executor that sends or stores intents refuses it with this text instead of
     * running it in-process as it runs lambdas and ad-hoc tasks, for which this is empty.
     */
    public Optional<String> unsendableReason() {
        return info != null && info.spread() ? Optional.of(info.noMethod()) : Optional.empty();
    }

    /** Why {@link #method()} is empty, in words for a message; null when it is present. */
    String whyNoMethod() {
        if (info == null) {
            return "it is an ad-hoc task, which has no method another process could call";
        }
        return info.method() != null ? null : info.noMethod();
    }

    /** The type resolved as the task's target; empty for ad-hoc tasks. */
    public Optional<Class<?>> targetType() {
        return info == null ? Optional.empty() : Optional.of(info.targetType());
    }

    /** True for an ad-hoc task (a name and a body), which can only run in-process. */
    public boolean isAdHoc() {
        return info == null;
    }

    /**
     * The JTA transaction this intent was enqueued in, if any: the intent escapes only if that transaction
     * commits.
     */
    public Optional<TransactionBinding> transaction() {
        return Optional.ofNullable(context.transaction());
    }

    TransactionBinding binding() {
        return context.transaction();
    }

    /**
     * Runs the task now, on this thread: resolves the target (from CDI in a container) and calls the
     * method. This is what the synchronous executor does; custom executors call it from wherever they run
     * the task.
     */
    @SuppressWarnings("unchecked")
    public void invoke() throws Exception {
        Intent outer = RUNNING.get();
        RUNNING.set(this);
        DispatchObserver observer = Observation.observer();
        Object observed = observer.processing(this);
        try {
            if (info == null) {
                ((AdHocTask) body).run();
            } else {
                TargetResolver.Target<?> target = context.resolver().resolve(info.targetType());
                try {
                    ((Task<Object>) body).invoke(target.instance(), args);
                } finally {
                    target.release();
                }
            }
            observer.processed(observed, this, null);
        } catch (Exception | Error failure) {
            observer.processed(observed, this, failure);
            throw failure;
        } finally {
            // set, never removed: remove() clears the entry's weak reference through a native call on every task run;
            // a null value keeps nothing of the application on the thread (as ThreadState does)
            RUNNING.set(outer);
        }
    }

    private static final ThreadLocal<Intent> RUNNING = new ThreadLocal<>();

    /**
     * The intent whose task runs on this thread, if any: a task reads its {@link #id()} to make its own effect
     * idempotent (a durable intent, or a JMS message, can be delivered more than once; the id stays the same).
     */
    public static Optional<Intent> running() {
        return Optional.ofNullable(RUNNING.get());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name()).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object a = args[i];
            String text = shown(a);
            if (a instanceof CharSequence) {
                sb.append('"').append(text).append('"');
            } else if (a instanceof Character) {
                sb.append('\'').append(text).append('\'');
            } else {
                sb.append(text);
            }
        }
        return sb.append(')').toString();
    }

    /**
     * An argument as the intent's text shows it: its {@code toString()}, or, when that throws (a JPA entity whose lazy
     * association outlived its session, say), its class and what went wrong, so that no message about the intent, and
     * no failure it reports, is ever replaced by the argument's own exception.
     */
    private static String shown(Object argument) {
        try {
            if (argument != null && argument.getClass().isArray()) {
                String elements = java.util.Arrays.deepToString(new Object[] {argument}); // arrays by their elements, primitive ones too
                return elements.substring(1, elements.length() - 1);
            }
            return String.valueOf(argument);
        } catch (RuntimeException | StackOverflowError failed) {
            return "<" + argument.getClass().getName() + ": toString() threw " + failed.getClass().getName() + ">";
        }
    }

    /**
     * Builds an intent for a known method, for code that rebuilds intents outside the enqueue path (a
     * message receiver, a test). Enqueueing is still done through {@link Airlock}.
     */
    public static Builder builder(TaskMethod method, List<?> args) {
        return new Builder(method, args);
    }

    /** Builds an {@link Intent} for a {@link TaskMethod}. */
    public static final class Builder {
        private final TaskMethod method;
        private final Object[] args;
        private String id;
        private String name;
        private String origin;
        private DispatchOptions options = DispatchOptions.none();
        private TargetResolver resolver;

        private Builder(TaskMethod method, List<?> args) {
            this.method = Objects.requireNonNull(method, "method");
            this.args = Objects.requireNonNull(args, "args").toArray();
            if (this.args.length != method.parameterTypes().size()) {
                throw new UsageException("Task " + method + " takes " + method.parameterTypes().size() + " argument(s), got " + this.args.length + ".");
            }
        }

        /** Keeps an id given elsewhere (for example the sender's id of an intent that arrived in a message). */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        public Builder options(DispatchOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Where the target comes from; the application's resolver when not set. */
        public Builder resolver(TargetResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        public Intent build() {
            TaskInfo info = new TaskInfo(method.methodName(), method.targetType(), method);
            return new Intent(id, method.asTask(), info, args.clone(), new EnqueueContext(new EnqueueSettings(name, origin, options),
                    List.of(), null, resolver != null ? resolver : Engine.get().resolver()));
        }
    }
}
