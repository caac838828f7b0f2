package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockTask;
import io.airlock.UndeliverableIntentException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.fixtures.LogCapture;
import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Messages;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Specializes;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.jms.MessageListener;
import jakarta.json.Json;
import java.util.Arrays;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, item 3: a message runs only a method that is a declared task of the class of the bean that runs it.
 * Every route by which a message could name a task and reach another method (a supertype resolving to another
 * bean, an override without the annotation, an interface, a bridge, a default method, a static method,
 * {@code Object}'s methods, {@code @Typed}, {@code @Specializes}, alternatives, producers) is sent through a real
 * broker to the receiver, with Weld as the container: a route to a declared task runs it, every other one is
 * rejected with one WARNING naming the message and why, and runs nothing.
 */
@ExtendWith(WeldJunit5Extension.class)
class TaskTargetRoutesTest {

    static final String QUEUE = "airlock.routes";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(41);

    /** The application's message-driven bean. */
    static class Listener extends AirlockMessageListener implements MessageListener {
    }

    /** Records its calls: what a fixture's method did, by name. */
    public abstract static class Recording {
        @Inject
        Recorder recorder;

        void did(String what) {
            recorder.record(getClass().getSimpleName().replaceAll("\\$.*", "") + "." + what);
        }
    }

    // ---------------------------------------------------------------- the issue: a non-task supertype bean

    /** Not a task anywhere. */
    @ApplicationScoped
    public static class Billing extends Recording {
        public void charge(String account) {
            did("charge(" + account + ")");
        }
    }

    /** Its subclass, typed as itself only, declares its override as a task. */
    @ApplicationScoped
    @Typed(SafeBilling.class)
    public static class SafeBilling extends Billing {
        @AirlockTask
        @Override
        public void charge(String account) {
            did("charge(" + account + ")");
        }
    }

    // ---------------------------------------------------------------- superclasses

    /** Declares a task its subclass inherits; not a bean itself (abstract). */
    public abstract static class ArchiveBase extends Recording {
        @AirlockTask
        public void archive(String what) {
            did("archive(" + what + ")");
        }

        public void shred(String what) {
            did("shred(" + what + ")");
        }
    }

    /** Inherits the task {@code archive} unchanged; {@code shred} is no task. */
    @ApplicationScoped
    public static class Archiver extends ArchiveBase {
    }

    /** A task bean... */
    @ApplicationScoped
    public static class LoudMailer extends Recording {
        @AirlockTask
        public void send(String to) {
            did("send(" + to + ")");
        }
    }

    /** ...whose subclass overrides the task without the annotation: its override is no task. */
    @ApplicationScoped
    @Typed(QuietMailer.class)
    public static class QuietMailer extends LoudMailer {
        @Override
        public void send(String to) {
            did("send(" + to + ")");
        }
    }

    /** Every public method this abstract class declares is a task... */
    @AirlockTask
    public abstract static class Reports extends Recording {
        public void daily(String day) {
            did("daily(" + day + ")");
        }
    }

    /** ...but not the ones its unannotated subclass adds. */
    @ApplicationScoped
    public static class ReportsImpl extends Reports {
        public void weekly(String week) {
            did("weekly(" + week + ")");
        }
    }

    /** Not annotated... */
    public static class Housekeeping extends Recording {
        public void purge(String what) {
            did("purge(" + what + ")");
        }
    }

    /** ...so an annotated subclass's class-level declaration covers its own methods, not the inherited {@code purge}. */
    @ApplicationScoped
    @AirlockTask
    public static class Janitor extends Housekeeping {
        public void sweep(String where) {
            did("sweep(" + where + ")");
        }
    }

    // ---------------------------------------------------------------- interfaces

    public interface Pager {
        void page(String who);
    }

    /** The task is declared on the bean class; a message may name the interface. */
    @ApplicationScoped
    public static class PagerImpl extends Recording implements Pager {
        @AirlockTask
        @Override
        public void page(String who) {
            did("page(" + who + ")");
        }
    }

    /** An annotation on an interface's abstract method declares nothing: the implementation runs, and it is no task. */
    public interface Alerts {
        @AirlockTask
        void alert(String what);
    }

    @ApplicationScoped
    public static class AlertsImpl extends Recording implements Alerts {
        @Override
        public void alert(String what) {
            did("alert(" + what + ")");
        }
    }

    public interface Ledger {
        void post(String entry);
    }

    /** A task bean of type Ledger... */
    @ApplicationScoped
    public static class TaskLedger extends Recording implements Ledger {
        @AirlockTask
        @Override
        public void post(String entry) {
            did("post(" + entry + ")");
        }
    }

    /** ...and an enabled alternative of that type that is no task: CDI resolves Ledger to this one. */
    @ApplicationScoped
    @Alternative
    @Priority(10)
    @Typed(Ledger.class)
    public static class PlainLedger extends Recording implements Ledger {
        @Override
        public void post(String entry) {
            did("post(" + entry + ")");
        }
    }

    public interface Beeper {
        void beep(String what);
    }

    /** Two task beans of one interface: a message naming the interface has no single bean to run on. */
    @ApplicationScoped
    public static class LoudBeeper extends Recording implements Beeper {
        @AirlockTask
        @Override
        public void beep(String what) {
            did("beep(" + what + ")");
        }
    }

    @ApplicationScoped
    public static class SoftBeeper extends Recording implements Beeper {
        @AirlockTask
        @Override
        public void beep(String what) {
            did("beep(" + what + ")");
        }
    }

    public interface Clock {
        void tick(String when);
    }

    /** Typed as its interface only, request-scoped (so its client proxy implements the interface, not the class). */
    @RequestScoped
    @Typed(Clock.class)
    public static class TaskClock extends Recording implements Clock {
        @AirlockTask
        @Override
        public void tick(String when) {
            did("tick(" + when + ")");
        }
    }

    // ---------------------------------------------------------------- generic bridges

    public interface Handler<T> {
        void handle(T value);
    }

    /** Its bridge {@code handle(Object)}, which javac annotates too, must not be reachable. */
    @ApplicationScoped
    public static class StringHandler extends Recording implements Handler<String> {
        @AirlockTask
        @Override
        public void handle(String value) {
            did("handle(" + value + ")");
        }
    }

    public static class Box<T> extends Recording {
        @AirlockTask
        public void put(T value) {
            did("put(" + value + ")");
        }
    }

    /** Overrides the generic task without the annotation: {@code Box.put(Object)} reaches its override through a bridge. */
    @ApplicationScoped
    @Typed(StringBox.class)
    public static class StringBox extends Box<String> {
        @Override
        public void put(String value) {
            did("put(" + value + ")");
        }
    }

    // ---------------------------------------------------------------- default methods

    public interface Greeter {
        @AirlockTask
        default void greet(String who) {
            ((Recording) this).did("greet(" + who + ")");
        }

        default void wave(String who) {
            ((Recording) this).did("wave(" + who + ")");
        }
    }

    /** Inherits the default task {@code greet}; {@code wave} is no task. */
    @ApplicationScoped
    public static class GreeterImpl extends Recording implements Greeter {
    }

    /** Overrides the default task without the annotation. */
    @ApplicationScoped
    @Typed(RudeGreeter.class)
    public static class RudeGreeter extends Recording implements Greeter {
        @Override
        public void greet(String who) {
            did("greet(" + who + ")");
        }
    }

    // ---------------------------------------------------------------- static methods and Object's methods

    /** A class-level task bean with static methods, one annotated, and overrides of Object's methods. */
    @ApplicationScoped
    @AirlockTask
    public static class Utility extends Recording {
        static final List<String> STATIC_CALLS = new java.util.concurrent.CopyOnWriteArrayList<>();

        @AirlockTask
        public static void wipe(String what) {
            STATIC_CALLS.add("wipe(" + what + ")");
        }

        public static void reset(String what) {
            STATIC_CALLS.add("reset(" + what + ")");
        }

        public void tidy(String what) {
            did("tidy(" + what + ")");
        }

        @Override
        public String toString() {
            did("toString()");
            return "Utility";
        }

        @Override
        public int hashCode() {
            did("hashCode()");
            return 1;
        }

        @Override
        public boolean equals(Object other) {
            did("equals(" + other + ")");
            return other == this;
        }

        @Override
        public Object clone() {
            did("clone()");
            return this;
        }
    }

    // ---------------------------------------------------------------- @Specializes

    @ApplicationScoped
    public static class Courier extends Recording {
        @AirlockTask
        public void deliver(String parcel) {
            did("deliver(" + parcel + ")");
        }
    }

    /** Specializes Courier (CDI resolves Courier to it) and overrides the task without the annotation. */
    @ApplicationScoped
    @Specializes
    public static class SilentCourier extends Courier {
        @Override
        public void deliver(String parcel) {
            did("deliver(" + parcel + ")");
        }
    }

    @ApplicationScoped
    public static class Dispatcher extends Recording {
        @AirlockTask
        public void dispatch(String order) {
            did("dispatch(" + order + ")");
        }
    }

    /** Specializes Dispatcher and declares its override as a task. */
    @ApplicationScoped
    @Specializes
    public static class FastDispatcher extends Dispatcher {
        @AirlockTask
        @Override
        public void dispatch(String order) {
            did("dispatch(" + order + ")");
        }
    }

    // ---------------------------------------------------------------- @Alternative

    @ApplicationScoped
    public static class Printer extends Recording {
        @AirlockTask
        public void print(String doc) {
            did("print(" + doc + ")");
        }
    }

    /** An enabled alternative (CDI resolves Printer to it) overriding the task without the annotation. */
    @ApplicationScoped
    @Alternative
    @Priority(5)
    public static class BackupPrinter extends Printer {
        @Override
        public void print(String doc) {
            did("print(" + doc + ")");
        }
    }

    @ApplicationScoped
    public static class Scanner extends Recording {
        @AirlockTask
        public void scan(String doc) {
            did("scan(" + doc + ")");
        }
    }

    /** An alternative that is not enabled: CDI resolves Scanner to Scanner. */
    @ApplicationScoped
    @Alternative
    public static class DraftScanner extends Scanner {
        @Override
        public void scan(String doc) {
            did("scan(" + doc + ")");
        }
    }

    @ApplicationScoped
    public static class Plotter extends Recording {
        @AirlockTask
        public void plot(String doc) {
            did("plot(" + doc + ")");
        }
    }

    /** An enabled alternative that declares its override as a task. */
    @ApplicationScoped
    @Alternative
    @Priority(5)
    public static class FinePlotter extends Plotter {
        @AirlockTask
        @Override
        public void plot(String doc) {
            did("plot(" + doc + ")");
        }
    }

    // ---------------------------------------------------------------- producers

    /** A task bean... */
    @ApplicationScoped
    public static class Fax extends Recording {
        @AirlockTask
        public void fax(String number) {
            did("fax(" + number + ")");
        }
    }

    /** ...that an enabled alternative producer replaces: CDI resolves Fax to what the producer returns. */
    @ApplicationScoped
    @Priority(5)
    public static class FaxFactory {
        @Inject
        Recorder recorder;

        @Produces
        @Alternative
        @ApplicationScoped
        Fax produce() {
            Fax produced = new Fax() {
                @Override
                public void fax(String number) {
                    recorder.record("ProducedFax.fax(" + number + ")");
                }
            };
            produced.recorder = recorder;
            return produced;
        }
    }

    /** Not a bean (not in the deployment): only produced. */
    public static class Telex {
        static final List<String> CALLS = new java.util.concurrent.CopyOnWriteArrayList<>();

        @AirlockTask
        public void send(String text) {
            CALLS.add("send(" + text + ")");
        }
    }

    @ApplicationScoped
    public static class TelexFactory {
        @Produces
        @ApplicationScoped
        Telex produce() {
            return new Telex();
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Billing.class, SafeBilling.class, Archiver.class, LoudMailer.class, QuietMailer.class,
            ReportsImpl.class, Janitor.class, PagerImpl.class, AlertsImpl.class, TaskLedger.class, PlainLedger.class,
            LoudBeeper.class, SoftBeeper.class, TaskClock.class, StringHandler.class,
            StringBox.class, GreeterImpl.class, RudeGreeter.class, Utility.class, Courier.class, SilentCourier.class, Dispatcher.class,
            FastDispatcher.class, Printer.class, BackupPrinter.class, Scanner.class, DraftScanner.class, Plotter.class, FinePlotter.class,
            Fax.class, FaxFactory.class, TelexFactory.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;
    @Inject
    BeanManager beanManager;

    LogCapture log;
    Messages messages;
    JmsIntentExecutor jms;

    @BeforeEach
    void setUp() throws Exception {
        broker.purge(QUEUE);
        log = new LogCapture();
        messages = new Messages(broker, QUEUE, new Listener(), recorder, log);
        jms = JmsIntentExecutor.builder().connectionFactory(broker.connectionFactory()).queueName(QUEUE).build();
        Utility.STATIC_CALLS.clear();
        Telex.CALLS.clear();
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    String send(Class<?> targetType, Class<?> declaringClass, String method) {
        return messages.send(targetType, declaringClass, method, "x");
    }

    /** Sends through the JMS executor, as the application would. */
    void enqueue(Runnable body) {
        airlock.scope().executor(jms).run(body::run);
    }

    static final String NOT_DECLARED = "is declared with @AirlockTask in this application";
    static final String NOT_A_TASK_THERE = "where it is not a declared task";

    // ---------------------------------------------------------------- the issue

    @Test
    void aSupertypeThatResolvesToABeanWithoutTheTaskIsRejected() {
        messages.assertRejected(send(Billing.class, Billing.class, "charge"), "Billing::charge");
        messages.assertRejected(send(Billing.class, SafeBilling.class, "charge"), NOT_DECLARED);
    }

    @Test
    void theSubclassThatDeclaresTheTaskRunsItByEitherDeclaringClass() {
        messages.assertRuns(send(SafeBilling.class, SafeBilling.class, "charge"), "SafeBilling.charge(x)");
        messages.assertRuns(send(SafeBilling.class, Billing.class, "charge"), "SafeBilling.charge(x)");
        enqueue(() -> airlock.enqueue(SafeBilling::charge, "sent"));
        messages.assertRuns("the enqueued one", "SafeBilling.charge(sent)");
    }

    @Test
    void theSenderRefusesWhatTheReceiverWouldReject() {
        UndeliverableIntentException e = assertThrows(UndeliverableIntentException.class,
                () -> enqueue(() -> airlock.enqueue(Billing::charge, "refused")));
        assertTrue(e.getMessage().contains("@io.airlock.AirlockTask"), e.getMessage());
        assertThrows(UndeliverableIntentException.class, () -> enqueue(() -> airlock.enqueue(QuietMailer::send, "refused")));
        assertThrows(UndeliverableIntentException.class, () -> enqueue(() -> airlock.enqueue(Alerts::alert, "refused")));
        assertThrows(UndeliverableIntentException.class, () -> enqueue(() -> airlock.enqueue(Printer::print, "refused")));
        assertThrows(UndeliverableIntentException.class, () -> enqueue(() -> airlock.enqueue(Ledger::post, "refused")));
        assertThrows(UndeliverableIntentException.class, () -> enqueue(() -> airlock.enqueue(Fax::fax, "refused")));
        assertThrows(UndeliverableIntentException.class, () -> enqueue(() -> airlock.enqueue(Archiver::shred, "refused")));
        assertEquals(0, broker.count(QUEUE), "nothing was sent");
    }

    // ---------------------------------------------------------------- superclasses

    @Test
    void aTaskInheritedFromASuperclassRunsItsOtherMethodsDoNot() {
        messages.assertRuns(send(Archiver.class, ArchiveBase.class, "archive"), "Archiver.archive(x)");
        enqueue(() -> airlock.enqueue(Archiver::archive, "sent"));
        messages.assertRuns("the enqueued one", "Archiver.archive(sent)");
        messages.assertRejected(send(Archiver.class, ArchiveBase.class, "shred"), NOT_DECLARED);
        messages.assertRejected(send(Archiver.class, Archiver.class, "archive"), NOT_DECLARED);
        messages.assertRuns(send(ArchiveBase.class, ArchiveBase.class, "archive"), "Archiver.archive(x)");
    }

    @Test
    void anOverrideWithoutTheAnnotationIsNoTask() {
        messages.assertRuns(send(LoudMailer.class, LoudMailer.class, "send"), "LoudMailer.send(x)");
        messages.assertRejected(send(QuietMailer.class, QuietMailer.class, "send"), NOT_DECLARED);
        messages.assertRejected(send(QuietMailer.class, LoudMailer.class, "send"), NOT_DECLARED);
    }

    @Test
    void aClassLevelDeclarationCoversThePublicMethodsThatClassDeclares() {
        messages.assertRuns(send(ReportsImpl.class, Reports.class, "daily"), "ReportsImpl.daily(x)");
        messages.assertRejected(send(ReportsImpl.class, ReportsImpl.class, "weekly"), NOT_DECLARED);
        messages.assertRuns(send(Janitor.class, Janitor.class, "sweep"), "Janitor.sweep(x)");
        messages.assertRejected(send(Janitor.class, Housekeeping.class, "purge"), NOT_DECLARED);
        messages.assertRejected(send(Janitor.class, Janitor.class, "purge"), NOT_DECLARED);
    }

    // ---------------------------------------------------------------- interfaces

    @Test
    void aTaskDeclaredOnTheBeanClassRunsThroughItsInterface() {
        messages.assertRuns(send(Pager.class, Pager.class, "page"), "PagerImpl.page(x)");
        messages.assertRuns(send(PagerImpl.class, Pager.class, "page"), "PagerImpl.page(x)");
        messages.assertRuns(send(PagerImpl.class, PagerImpl.class, "page"), "PagerImpl.page(x)");
        enqueue(() -> airlock.enqueue(Pager::page, "sent"));
        messages.assertRuns("the enqueued one", "PagerImpl.page(sent)");
    }

    @Test
    void anAnnotationOnAnInterfaceMethodDeclaresNothing() {
        messages.assertRejected(send(Alerts.class, Alerts.class, "alert"), NOT_DECLARED);
        messages.assertRejected(send(AlertsImpl.class, Alerts.class, "alert"), NOT_DECLARED);
        messages.assertRejected(send(AlertsImpl.class, AlertsImpl.class, "alert"), NOT_DECLARED);
    }

    @Test
    void anInterfaceThatResolvesToAnotherBeanIsRejected() {
        messages.assertRejected(send(Ledger.class, Ledger.class, "post"), NOT_A_TASK_THERE, PlainLedger.class.getName());
        messages.assertRuns(send(TaskLedger.class, Ledger.class, "post"), "TaskLedger.post(x)");
    }

    @Test
    void anInterfaceOfSeveralTaskBeansIsRejected() {
        messages.assertRejected(send(Beeper.class, Beeper.class, "beep"), "has no single bean to run on");
        messages.assertRuns(send(LoudBeeper.class, Beeper.class, "beep"), "LoudBeeper.beep(x)");
        messages.assertRuns(send(SoftBeeper.class, SoftBeeper.class, "beep"), "SoftBeeper.beep(x)");
    }

    @Test
    void aBeanTypedAsItsInterfaceOnlyRunsByThatName() {
        messages.assertRuns(send(Clock.class, Clock.class, "tick"), "TaskClock.tick(x)");
        enqueue(() -> airlock.enqueue(Clock::tick, "sent"));
        messages.assertRuns("Clock::tick", "TaskClock.tick(sent)");
        messages.assertRejected(send(TaskClock.class, TaskClock.class, "tick"), NOT_DECLARED);
        messages.assertRejected(send(TaskClock.class, Clock.class, "tick"), NOT_DECLARED);
    }

    @Test
    void theBeanDecidesNotTheNamesTable() {
        // names the registry once mapped for a subclass's task: its supertype, which CDI resolves to another bean
        TaskRegistry tasks = beanManager.getExtension(AirlockExtension.class).tasks();
        tasks.register(SafeBilling.class, Arrays.asList(SafeBilling.class.getMethods()));
        tasks.register(QuietMailer.class, Arrays.asList(QuietMailer.class.getMethods()));
        assertTrue(tasks.find(Billing.class.getName(), Billing.class.getName(), "charge", List.of("java.lang.String")).isPresent());
        messages.assertRejected(send(Billing.class, Billing.class, "charge"), NOT_A_TASK_THERE, Billing.class.getName());
        messages.assertRejected(send(QuietMailer.class, LoudMailer.class, "send"), NOT_DECLARED);
        messages.assertRuns(send(SafeBilling.class, Billing.class, "charge"), "SafeBilling.charge(x)");
    }

    // ---------------------------------------------------------------- bridges

    @Test
    void aBridgeMethodIsNeverReachable() {
        messages.assertRuns(send(StringHandler.class, StringHandler.class, "handle"), "StringHandler.handle(x)");
        for (Class<?> target : List.of(StringHandler.class, Handler.class)) {
            for (Class<?> declaring : List.of(StringHandler.class, Handler.class)) {
                messages.assertRejected(messages.send(Messages.body(target.getName(), declaring.getName(), "handle", List.of("java.lang.Object"),
                        Json.createArrayBuilder().add("x"))), NOT_DECLARED);
            }
        }
        messages.assertRejected(messages.send(Messages.body(StringBox.class.getName(), Box.class.getName(), "put", List.of("java.lang.Object"),
                Json.createArrayBuilder().add("x"))), NOT_DECLARED);
        messages.assertRejected(send(StringBox.class, StringBox.class, "put"), NOT_DECLARED);
    }

    // ---------------------------------------------------------------- default methods

    @Test
    void anAnnotatedDefaultMethodRunsOnTheBeansThatInheritIt() {
        messages.assertRuns(send(GreeterImpl.class, Greeter.class, "greet"), "GreeterImpl.greet(x)");
        messages.assertRuns(send(Greeter.class, Greeter.class, "greet"), "GreeterImpl.greet(x)");
        messages.assertRejected(send(GreeterImpl.class, Greeter.class, "wave"), NOT_DECLARED);
        messages.assertRejected(send(RudeGreeter.class, Greeter.class, "greet"), NOT_DECLARED);
        messages.assertRejected(send(RudeGreeter.class, RudeGreeter.class, "greet"), NOT_DECLARED);
    }

    // ---------------------------------------------------------------- static methods, Object's methods

    @Test
    void staticMethodsAreNeverTasks() {
        messages.assertRuns(send(Utility.class, Utility.class, "tidy"), "Utility.tidy(x)");
        messages.assertRejected(send(Utility.class, Utility.class, "wipe"), NOT_DECLARED);
        messages.assertRejected(send(Utility.class, Utility.class, "reset"), NOT_DECLARED);
        assertEquals(List.of(), Utility.STATIC_CALLS);
    }

    @Test
    void objectsMethodsAreNeverTasksEvenOverriddenInATaskClass() {
        for (String declaring : List.of(Utility.class.getName(), Object.class.getName())) {
            for (String method : List.of("toString", "hashCode", "clone", "getClass", "notify", "notifyAll", "wait", "finalize")) {
                messages.assertRejected(messages.send(Messages.body(Utility.class.getName(), declaring, method, List.of(),
                        Json.createArrayBuilder())), NOT_DECLARED);
            }
            messages.assertRejected(messages.send(Messages.body(Utility.class.getName(), declaring, "equals", List.of("java.lang.Object"),
                    Json.createArrayBuilder().add("x"))), NOT_DECLARED);
            messages.assertRejected(messages.send(Messages.body(Utility.class.getName(), declaring, "wait", List.of("long"),
                    Json.createArrayBuilder().add(1))), NOT_DECLARED);
        }
    }

    // ---------------------------------------------------------------- @Specializes, @Alternative

    @Test
    void aSpecializationRunsOnlyTheTasksItDeclares() {
        messages.assertRejected(send(Courier.class, Courier.class, "deliver"), "Courier::deliver");
        messages.assertRejected(send(SilentCourier.class, SilentCourier.class, "deliver"), NOT_DECLARED);
        messages.assertRuns(send(Dispatcher.class, Dispatcher.class, "dispatch"), "FastDispatcher.dispatch(x)");
        messages.assertRuns(send(FastDispatcher.class, Dispatcher.class, "dispatch"), "FastDispatcher.dispatch(x)");
    }

    @Test
    void anEnabledAlternativeRunsOnlyTheTasksItDeclares() {
        messages.assertRejected(send(Printer.class, Printer.class, "print"), NOT_A_TASK_THERE, BackupPrinter.class.getName());
        messages.assertRejected(send(BackupPrinter.class, Printer.class, "print"), NOT_DECLARED);
        messages.assertRuns(send(Plotter.class, Plotter.class, "plot"), "FinePlotter.plot(x)");
        messages.assertRuns(send(FinePlotter.class, FinePlotter.class, "plot"), "FinePlotter.plot(x)");
    }

    @Test
    void anAlternativeThatIsNotEnabledIsNotResolved() {
        messages.assertRuns(send(Scanner.class, Scanner.class, "scan"), "Scanner.scan(x)");
        messages.assertRejected(send(DraftScanner.class, Scanner.class, "scan"), NOT_DECLARED);
    }

    // ---------------------------------------------------------------- producers

    @Test
    void aProducedBeanNeverRunsATask() {
        messages.assertRejected(send(Fax.class, Fax.class, "fax"), NOT_A_TASK_THERE, "Producer", FaxFactory.class.getName());
        messages.assertRejected(send(Telex.class, Telex.class, "send"), NOT_DECLARED);
        assertEquals(List.of(), Telex.CALLS);
    }
}
