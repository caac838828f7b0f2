package io.airlock.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.UsageException;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A task target CDI resolves to no bean is refused at enqueue, and the message names the cause and its fix: beans that
 * all carry qualifiers, a generic type the bean has only with type arguments, a bean class its {@code @Typed} leaves
 * out, or no bean at all.
 */
@ExtendWith(WeldJunit5Extension.class)
class UnresolvableTargetTest {

    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Fancy {
    }

    @ApplicationScoped
    @Fancy
    public static class FancyMailer {
        public void send(String to) {
        }
    }

    public interface Handler<T> {
        void handle(T value);
    }

    @ApplicationScoped
    public static class StringHandler implements Handler<String> {
        @Inject
        Recorder recorder;

        @Override
        public void handle(String value) {
            recorder.record("handled " + value);
        }
    }

    public interface Shipping {
        void ship(String order);
    }

    @ApplicationScoped
    @Typed(Shipping.class)
    public static class TypedShipping implements Shipping {
        @Override
        public void ship(String order) {
        }
    }

    public static class NotABean {
        public void run() {
        }
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(FancyMailer.class, StringHandler.class, TypedShipping.class);

    @Inject
    Airlock airlock;
    @Inject
    Recorder recorder;

    private String refusal(Runnable enqueue) {
        return assertThrows(UsageException.class, () -> airlock.run(enqueue::run)).getMessage();
    }

    @Test
    void beansThatAllCarryQualifiers() {
        String message = refusal(() -> airlock.enqueue(FancyMailer::send, "a@b.c"));
        assertTrue(message.contains(FancyMailer.class.getName() + " has no @Default bean") && message.contains("Add @Default"), message);
    }

    @Test
    void aGenericTypeTheBeanHasOnlyWithTypeArguments() {
        String message = refusal(() -> airlock.<Handler<String>, String>enqueue(Handler::handle, "x"));
        assertTrue(message.contains("is generic") && message.contains("Handler<java.lang.String>")
                && message.contains("through the bean's class (StringHandler::...)"), message);
        airlock.run(() -> airlock.enqueue(StringHandler::handle, "x"));
        assertEquals(List.of("handled x"), recorder.calls(), "the bean's class resolves");
    }

    @Test
    void aBeanClassItsTypedLeavesOut() {
        String message = refusal(() -> airlock.enqueue(TypedShipping::ship, "o-1"));
        assertTrue(message.contains("whose types (@Typed) leave it out") && message.contains("add TypedShipping to @Typed"), message);
    }

    @Test
    void noBeanAtAll() {
        String message = refusal(() -> airlock.enqueue(NotABean::run));
        assertTrue(message.contains("is not a CDI bean") && message.contains("bean-defining annotation"), message);
    }
}
