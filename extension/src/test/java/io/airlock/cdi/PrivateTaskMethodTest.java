package io.airlock.cdi;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.UsageException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
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
 * A bean that enqueues its own private method: a private method is not proxied, so called on a client proxy it runs on
 * the proxy, without the bean's state (its injected fields are null). Where airlock calls the target through its
 * client proxy (a request-scoped bean, an application-scoped one with interceptors), the enqueue is refused naming the
 * method and the fix; where it calls the instance itself (a plain application-scoped bean, a {@code @Dependent} one,
 * intercepted or not), the private method runs on the bean. A package-private method runs through the proxy on the bean.
 */
@ExtendWith(WeldJunit5Extension.class)
class PrivateTaskMethodTest {

    @InterceptorBinding
    @Retention(RUNTIME)
    @Target({TYPE, METHOD})
    public @interface Logged {
    }

    @Logged
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    public static class LoggedInterceptor {
        @AroundInvoke
        Object log(InvocationContext context) throws Exception {
            return context.proceed();
        }
    }

    @RequestScoped
    public static class RequestMailer {
        @Inject
        Recorder recorder;
        @Inject
        Airlock airlock;

        public void sendLater(String to) {
            airlock.run(() -> airlock.enqueue(RequestMailer::deliver, to));
        }

        public void sendLaterPackagePrivate(String to) {
            airlock.run(() -> airlock.enqueue(RequestMailer::deliverPackagePrivate, to));
        }

        private void deliver(String to) {
            recorder.record("request deliver(" + to + ")");
        }

        void deliverPackagePrivate(String to) {
            recorder.record("request package-private deliver(" + to + ")");
        }
    }

    @ApplicationScoped
    @Logged
    public static class InterceptedMailer {
        @Inject
        Recorder recorder;
        @Inject
        Airlock airlock;

        public void sendLater(String to) {
            airlock.run(() -> airlock.enqueue(InterceptedMailer::deliver, to));
        }

        private void deliver(String to) {
            recorder.record("intercepted deliver(" + to + ")");
        }
    }

    @ApplicationScoped
    public static class PlainMailer {
        @Inject
        Recorder recorder;
        @Inject
        Airlock airlock;

        public void sendLater(String to) {
            airlock.run(() -> airlock.enqueue(PlainMailer::deliver, to));
        }

        private void deliver(String to) {
            recorder.record("plain deliver(" + to + ")");
        }
    }

    @Dependent
    @Logged
    public static class DependentMailer {
        @Inject
        Recorder recorder;
        @Inject
        Airlock airlock;

        public void sendLater(String to) {
            airlock.run(() -> airlock.enqueue(DependentMailer::deliver, to));
        }

        private void deliver(String to) {
            recorder.record("dependent deliver(" + to + ") " + (recorder != null));
        }
    }

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(AirlockWeld.weld(RequestMailer.class, InterceptedMailer.class, PlainMailer.class, DependentMailer.class,
            LoggedInterceptor.class)).activate(RequestScoped.class).build();

    @Inject
    Recorder recorder;
    @Inject
    RequestMailer requestMailer;
    @Inject
    InterceptedMailer interceptedMailer;
    @Inject
    PlainMailer plainMailer;
    @Inject
    DependentMailer dependentMailer;

    @Test
    void aRequestScopedBeansPrivateMethodIsRefusedAtEnqueue() {
        UsageException e = assertThrows(UsageException.class, () -> requestMailer.sendLater("a@b.c"));
        assertTrue(e.getMessage().contains("RequestMailer.deliver is private") && e.getMessage().contains("RequestScoped bean")
                && e.getMessage().contains("Make the task method package-private"), e.getMessage());
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void anInterceptedApplicationScopedBeansPrivateMethodIsRefusedAtEnqueue() {
        UsageException e = assertThrows(UsageException.class, () -> interceptedMailer.sendLater("a@b.c"));
        assertTrue(e.getMessage().contains("InterceptedMailer.deliver is private") && e.getMessage().contains("with interceptors or decorators"),
                e.getMessage());
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void aPlainApplicationScopedBeansPrivateMethodRunsOnTheBean() {
        plainMailer.sendLater("a@b.c");
        assertEquals(List.of("plain deliver(a@b.c)"), recorder.calls());
    }

    @Test
    void aDependentBeansPrivateMethodRunsOnTheBeanEvenIntercepted() {
        dependentMailer.sendLater("a@b.c");
        assertEquals(List.of("dependent deliver(a@b.c) true"), recorder.calls());
    }

    @Test
    void aPackagePrivateMethodRunsThroughTheProxyOnTheBean() {
        requestMailer.sendLaterPackagePrivate("a@b.c");
        assertEquals(List.of("request package-private deliver(a@b.c)"), recorder.calls());
    }
}
