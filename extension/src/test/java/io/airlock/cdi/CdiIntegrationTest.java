package io.airlock.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockRequest;
import io.airlock.UsageException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.jboss.weld.proxy.WeldClientProxy;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WeldJunit5Extension.class)
class CdiIntegrationTest {

    /** A {@code @Dependent} task target: a new instance per dispatch, destroyed after the call. */
    @Dependent
    public static class DependentTask {
        @Inject
        Recorder recorder;

        public void run(String what) {
            recorder.record("run(" + what + ") on " + System.identityHashCode(this));
        }

        @PreDestroy
        void destroyed() {
            recorder.record("destroyed " + System.identityHashCode(this));
        }
    }

    /** Not a bean: not in the container. */
    public static class NotABean {
        public void run() {
        }
    }

    /** Code that is not a bean reaches airlock statically, like a JPA entity's method. */
    public static class Order {
        void process() {
            Airlock.get().enqueue(RecordingMailer::send, "from entity");
        }
    }

    @ApplicationScoped
    public static class OrderService {
        @Inject
        Airlock airlock;

        public void checkout() {
            airlock.enqueue(RecordingMailer::send, "from service");
            new Order().process();
        }
    }

    /** A bean of a passivating scope: Weld refuses to deploy it unless everything it injects is passivation capable. */
    @SessionScoped
    public static class Cart implements Serializable {
        private static final long serialVersionUID = 1L;

        @Inject
        Airlock airlock;
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(DependentTask.class, OrderService.class, Cart.class);

    @Inject
    Airlock airlock;
    @Inject
    OrderService service;
    @Inject
    Recorder recorder;
    @Inject
    BeanManager beanManager;
    @Inject
    AirlockRequest request;

    @Test
    void theInjectedAirlockAndTheStaticEntryPointShareTheScope() {
        airlock.run(service::checkout);
        assertEquals(List.of("send(from service)", "send(from entity)"), recorder.calls());
    }

    @Test
    void airlockIsInjectedWithoutAClientProxy() {
        Bean<?> bean = beanManager.resolve(beanManager.getBeans(Airlock.class));
        assertEquals(Dependent.class, bean.getScope());
        assertEquals(Set.of(Airlock.class, Object.class), bean.getTypes());
        assertFalse(airlock instanceof WeldClientProxy, "a client proxy costs a reflective call per enqueue");
        assertTrue(Airlock.get().configuration().targetResolver().getClass().getName().contains("Cdi"));
    }

    @Test
    void aPassivatingBeanCanInjectAirlockAndItsSerializedCopyEnqueuesIntoTheSameScope() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(airlock);
        }
        Airlock copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Airlock) in.readObject();
        }
        copy.run(() -> copy.enqueue(RecordingMailer::send, "from a deserialized copy"));
        assertEquals(List.of("send(from a deserialized copy)"), recorder.calls());
    }

    @Test
    void targetsResolveFromCdiAndDependentOnesAreDestroyedAfterTheCall() {
        airlock.run(() -> {
            airlock.enqueue(DependentTask::run, "one");
            airlock.enqueue(DependentTask::run, "two");
        });
        List<String> calls = recorder.calls();
        assertEquals(4, calls.size(), calls.toString());
        String first = calls.get(0).substring(calls.get(0).lastIndexOf(' ') + 1);
        assertEquals("destroyed " + first, calls.get(1), "the instance is destroyed right after its call");
        assertTrue(calls.get(2).startsWith("run(two)"));
    }

    @Test
    void aTargetThatIsNotABeanFailsAtEnqueueNamingIt() {
        UsageException e = assertThrows(UsageException.class, () -> airlock.run(() -> airlock.enqueue(NotABean::run)));
        assertTrue(e.getMessage().contains(NotABean.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("not a CDI bean"), e.getMessage());
        // not cached as a verdict: the next enqueue looks again and fails with an exception of its own
        UsageException again = assertThrows(UsageException.class, () -> airlock.run(() -> airlock.enqueue(NotABean::run)));
        assertNotSame(e, again);
    }

    @Test
    void outsideAnHttpRequestTheRequestScopeIsEmpty() {
        assertTrue(request.scope().isEmpty());
        assertEquals(List.of(), request.pendingIntents());
    }
}
