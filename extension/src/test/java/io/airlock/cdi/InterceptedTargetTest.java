package io.airlock.cdi;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.Airlock;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A task whose target is an intercepted application-scoped bean runs through the bean's interceptors, also
 * when it is dispatched while that same bean's intercepted method is still running (the scope ends inside
 * it). Called on the bare instance, Weld would take it for a self-invocation and skip them.
 */
@ExtendWith(WeldJunit5Extension.class)
class InterceptedTargetTest {

    @InterceptorBinding
    @Retention(RUNTIME)
    @Target({TYPE, METHOD})
    public @interface Audited {
    }

    @Audited
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    public static class AuditInterceptor {
        @Inject
        Recorder recorder;

        @AroundInvoke
        Object audit(InvocationContext context) throws Exception {
            recorder.record("audited " + context.getMethod().getName());
            return context.proceed();
        }
    }

    @ApplicationScoped
    @Audited
    public static class OrderDesk {
        @Inject
        Airlock airlock;
        @Inject
        Recorder recorder;

        public void placeOrder(String order) {
            airlock.run(() -> airlock.enqueue(OrderDesk::confirm, order)); // flushes while placeOrder is intercepted
        }

        public void confirm(String order) {
            recorder.record("confirm(" + order + ")");
        }
    }

    /** The same task, dispatched where no interception of the bean is under way. */
    @ApplicationScoped
    public static class Clerk {
        @Inject
        Airlock airlock;

        public void confirmLater(String order) {
            airlock.run(() -> airlock.enqueue(OrderDesk::confirm, order));
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(OrderDesk.class, Clerk.class, AuditInterceptor.class);

    @Inject
    OrderDesk desk;
    @Inject
    Clerk clerk;
    @Inject
    Recorder recorder;

    @Test
    void aTaskDispatchedInsideItsOwnBeansInterceptedCallIsIntercepted() {
        desk.placeOrder("42");
        assertEquals(List.of("audited placeOrder", "audited confirm", "confirm(42)"), recorder.calls());
    }

    @Test
    void aTaskDispatchedElsewhereIsIntercepted() {
        clerk.confirmLater("43");
        assertEquals(List.of("audited confirm", "confirm(43)"), recorder.calls());
    }
}
