package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockTask;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.fixtures.LogCapture;
import io.airlock.internal.cdi.AirlockExtension;
import io.airlock.internal.jms.TaskRegistry;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Messages;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.jms.MessageListener;
import jakarta.json.Json;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, item 4: task beans that implement interfaces (a {@code @SessionScoped} one implementing
 * {@link Serializable}, generic interfaces, several interfaces, default methods) or extend abstract classes
 * deploy, register exactly their tasks, and run them through a message and in-process through a method
 * reference on an interface type.
 */
@ExtendWith(WeldJunit5Extension.class)
class TaskBeanHierarchyTest {

    static final String QUEUE = "airlock.hierarchy";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(42);

    static class Listener extends AirlockMessageListener implements MessageListener {
    }

    public abstract static class Recording {
        @Inject
        Recorder recorder;

        void did(String what) {
            recorder.record(getClass().getSimpleName().replaceAll("\\$.*", "") + "." + what);
        }
    }

    // ---------------------------------------------------------------- a session-scoped task bean

    public interface MailerApi {
        void send(String to);

        void draft(String to);
    }

    @SessionScoped
    public static class SessionMailer extends Recording implements MailerApi, Serializable {
        private static final long serialVersionUID = 1L;

        @AirlockTask
        @Override
        public void send(String to) {
            did("send(" + to + ")");
        }

        @Override
        public void draft(String to) {
            did("draft(" + to + ")");
        }
    }

    // ---------------------------------------------------------------- several interfaces, generic ones, default methods

    public interface Sink<T> {
        void accept(T value);
    }

    public interface Named {
        String name();
    }

    public interface Tidy {
        @AirlockTask
        default void tidy(String what) {
            ((Recording) this).did("tidy(" + what + ")");
        }

        default void mess(String what) {
            ((Recording) this).did("mess(" + what + ")");
        }
    }

    @ApplicationScoped
    public static class StringSink extends Recording implements Sink<String>, Named, Tidy, Cloneable, Serializable {
        private static final long serialVersionUID = 1L;

        @AirlockTask
        @Override
        public void accept(String value) {
            did("accept(" + value + ")");
        }

        @Override
        public String name() {
            return "sink";
        }
    }

    // ---------------------------------------------------------------- a dependent task bean with interfaces

    public interface Auditor {
        void audit(String what);
    }

    @Dependent
    public static class DependentAuditor extends Recording implements Auditor, Comparable<DependentAuditor>, Serializable {
        private static final long serialVersionUID = 1L;

        @AirlockTask
        @Override
        public void audit(String what) {
            did("audit(" + what + ")");
        }

        @Override
        public int compareTo(DependentAuditor other) {
            return 0;
        }

        @PreDestroy
        void destroyed() {
            did("destroyed");
        }
    }

    // ---------------------------------------------------------------- a deep hierarchy

    public interface Root {
        void root(String what);
    }

    public interface Mid extends Root {
        @AirlockTask
        default void mid(String what) {
            ((Recording) this).did("mid(" + what + ")");
        }
    }

    public interface Leaf {
        void leaf(String what);
    }

    public abstract static class Level1 extends Recording implements Mid {
        @AirlockTask
        @Override
        public void root(String what) {
            did("root(" + what + ")");
        }

        public abstract void level(String what);
    }

    public abstract static class Level2 extends Level1 implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @AirlockTask
    public abstract static class Level3 extends Level2 implements Leaf {
        private static final long serialVersionUID = 1L;

        @Override
        public void leaf(String what) {
            did("leaf(" + what + ")");
        }
    }

    @RequestScoped
    public static class Level4 extends Level3 {
        private static final long serialVersionUID = 1L;

        @AirlockTask
        @Override
        public void level(String what) {
            did("level(" + what + ")");
        }

        public void untagged(String what) {
            did("untagged(" + what + ")");
        }
    }

    // ---------------------------------------------------------------- a class-level task bean implementing interfaces

    @ApplicationScoped
    @AirlockTask
    public static class Jobs extends Recording implements Runnable, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public void run() {
            did("run()");
        }

        public void job(String what) {
            did("job(" + what + ")");
        }
    }

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(AirlockWeld.weld(SessionMailer.class, StringSink.class, DependentAuditor.class, Level4.class,
            Jobs.class)).activate(RequestScoped.class, SessionScoped.class).build();

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
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    String send(Class<?> targetType, Class<?> declaringClass, String method) {
        return messages.send(targetType, declaringClass, method, "x");
    }

    void viaJms(Runnable body) {
        airlock.scope().executor(jms).run(body::run);
    }

    static final String NOT_DECLARED = "is declared with @AirlockTask in this application";

    @Test
    void exactlyTheTasksAreRegisteredUnderTheirBeanTypes() {
        TaskRegistry tasks = beanManager.getExtension(AirlockExtension.class).tasks();
        String prefix = TaskBeanHierarchyTest.class.getName() + "$";
        List<String> ours = tasks.describe().stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).toList();
        assertEquals(List.of(
                "DependentAuditor::audit(String)",
                "Jobs::job(String)", "Jobs::run()",
                "Level1::level(String)", "Level1::mid(String)", "Level1::root(String)",
                "Level2::level(String)", "Level2::mid(String)", "Level2::root(String)",
                "Level3::leaf(String)", "Level3::level(String)", "Level3::mid(String)", "Level3::root(String)",
                "Level4::leaf(String)", "Level4::level(String)", "Level4::mid(String)", "Level4::root(String)",
                "Leaf::leaf(String)", "Mid::mid(String)", "Mid::root(String)", "Root::root(String)",
                "Auditor::audit(String)", "MailerApi::send(String)", "SessionMailer::send(String)",
                "StringSink::accept(String)", "StringSink::tidy(String)", "Tidy::tidy(String)").stream().sorted().toList(), ours);
        assertTrue(tasks.describe().contains("java.lang.Runnable::run()"), tasks.describe().toString());
    }

    @Test
    void aSessionScopedSerializableTaskBeanRunsThroughItsInterface() {
        messages.assertRuns(send(MailerApi.class, MailerApi.class, "send"), "SessionMailer.send(x)");
        messages.assertRuns(send(SessionMailer.class, MailerApi.class, "send"), "SessionMailer.send(x)");
        messages.assertRuns(send(SessionMailer.class, SessionMailer.class, "send"), "SessionMailer.send(x)");
        viaJms(() -> airlock.enqueue(MailerApi::send, "sent"));
        messages.assertRuns("MailerApi::send", "SessionMailer.send(sent)");
        messages.assertRejected(send(MailerApi.class, MailerApi.class, "draft"), NOT_DECLARED);
        messages.assertRejected(send(SessionMailer.class, SessionMailer.class, "draft"), NOT_DECLARED);
    }

    @Test
    void aMethodReferenceOnAnInterfaceTypeRunsInProcessOnTheBean() {
        recorder.clear();
        airlock.run(() -> {
            airlock.enqueue(MailerApi::send, "a");
            airlock.enqueue(MailerApi::draft, "b");
            airlock.enqueue(Auditor::audit, "c");
            airlock.enqueue(Root::root, "d");
            airlock.enqueue(Mid::mid, "e");
            airlock.enqueue(Leaf::leaf, "f");
            airlock.enqueue(Tidy::tidy, "g");
            airlock.enqueue(Runnable::run);
        });
        assertEquals(List.of("SessionMailer.send(a)", "SessionMailer.draft(b)", "DependentAuditor.audit(c)", "DependentAuditor.destroyed",
                "Level4.root(d)", "Level4.mid(e)", "Level4.leaf(f)", "StringSink.tidy(g)", "Jobs.run()"), recorder.calls());
    }

    @Test
    void severalAndGenericInterfacesAndDefaultMethods() {
        messages.assertRuns(send(StringSink.class, StringSink.class, "accept"), "StringSink.accept(x)");
        messages.assertRuns(send(Tidy.class, Tidy.class, "tidy"), "StringSink.tidy(x)");
        messages.assertRuns(send(StringSink.class, Tidy.class, "tidy"), "StringSink.tidy(x)");
        messages.assertRejected(send(StringSink.class, Tidy.class, "mess"), NOT_DECLARED);
        messages.assertRejected(messages.send(Messages.body(Sink.class.getName(), Sink.class.getName(), "accept", List.of("java.lang.Object"),
                Json.createArrayBuilder().add("x"))), NOT_DECLARED);
        messages.assertRejected(messages.send(Messages.body(StringSink.class.getName(), StringSink.class.getName(), "accept",
                List.of("java.lang.Object"), Json.createArrayBuilder().add("x"))), NOT_DECLARED);
        messages.assertRejected(messages.send(Messages.body(Named.class.getName(), Named.class.getName(), "name", List.of(),
                Json.createArrayBuilder())), NOT_DECLARED);
        messages.assertRejected(messages.send(Messages.body(StringSink.class.getName(), Object.class.getName(), "clone", List.of(),
                Json.createArrayBuilder())), NOT_DECLARED);
    }

    @Test
    void aDependentTaskBeanRunsThroughItsInterfaceAndIsDestroyedAfterwards() {
        messages.assertRuns(send(Auditor.class, Auditor.class, "audit"), "DependentAuditor.audit(x)", "DependentAuditor.destroyed");
        viaJms(() -> airlock.enqueue(Auditor::audit, "sent"));
        messages.assertRuns("Auditor::audit", "DependentAuditor.audit(sent)", "DependentAuditor.destroyed");
        messages.assertRejected(messages.send(Messages.body(DependentAuditor.class.getName(), DependentAuditor.class.getName(), "compareTo",
                List.of(DependentAuditor.class.getName()), Json.createArrayBuilder().add(Json.createObjectBuilder()))), NOT_DECLARED);
    }

    @Test
    void aDeepHierarchyRunsItsTasksByEveryNameAndNothingElse() {
        messages.assertRuns(send(Root.class, Root.class, "root"), "Level4.root(x)");
        messages.assertRuns(send(Level4.class, Root.class, "root"), "Level4.root(x)");
        messages.assertRuns(send(Level2.class, Level1.class, "root"), "Level4.root(x)");
        messages.assertRuns(send(Mid.class, Mid.class, "mid"), "Level4.mid(x)");
        messages.assertRuns(send(Level4.class, Level3.class, "leaf"), "Level4.leaf(x)");
        messages.assertRuns(send(Leaf.class, Leaf.class, "leaf"), "Level4.leaf(x)");
        messages.assertRuns(send(Level1.class, Level1.class, "level"), "Level4.level(x)");
        messages.assertRejected(send(Level4.class, Level4.class, "untagged"), NOT_DECLARED);
        viaJms(() -> {
            airlock.enqueue(Root::root, "a");
            airlock.enqueue(Mid::mid, "b");
            airlock.enqueue(Leaf::leaf, "c");
            airlock.enqueue(Level4::level, "d");
        });
        recorder.clear();
        log.clear();
        assertEquals(4, messages.deliver());
        assertEquals(List.of("Level4.root(a)", "Level4.mid(b)", "Level4.leaf(c)", "Level4.level(d)"), recorder.calls());
        assertEquals(List.of(), log.at(Level.WARNING));
    }

    @Test
    void aClassLevelTaskBeanRunsItsOwnPublicMethodsThroughItsInterfaces() {
        messages.assertRuns(send(Jobs.class, Jobs.class, "job"), "Jobs.job(x)");
        messages.assertRuns(messages.send(Messages.body(Runnable.class.getName(), Runnable.class.getName(), "run", List.of(),
                Json.createArrayBuilder())), "Jobs.run()");
        messages.assertRejected(messages.send(Messages.body(Jobs.class.getName(), Jobs.class.getName(), "hashCode", List.of(),
                Json.createArrayBuilder())), NOT_DECLARED);
    }

    @Test
    void theRegistryWalksInterfacesAndAbstractClassesWithoutFailing() throws Exception {
        TaskRegistry registry = new TaskRegistry();
        for (Class<?> type : List.of(SessionMailer.class, MailerApi.class, Serializable.class, Level1.class, Level3.class, Mid.class, Tidy.class,
                StringSink.class)) {
            registry.register(type, Arrays.asList(type.getMethods()));
        }
        assertTrue(registry.find(SessionMailer.class.getName(), SessionMailer.class.getName(), "send", List.of("java.lang.String")).isPresent());
        assertTrue(registry.find(MailerApi.class.getName(), MailerApi.class.getName(), "send", List.of("java.lang.String")).isPresent());
        assertTrue(registry.find(Tidy.class.getName(), Tidy.class.getName(), "tidy", List.of("java.lang.String")).isPresent());
        assertTrue(registry.find(SessionMailer.class.getName(), SessionMailer.class.getName(), "draft", List.of("java.lang.String")).isEmpty());
        assertTrue(registry.find(MailerApi.class.getName(), MailerApi.class.getName(), "draft", List.of("java.lang.String")).isEmpty());
        assertTrue(registry.find(Tidy.class.getName(), Tidy.class.getName(), "mess", List.of("java.lang.String")).isEmpty());
    }
}
