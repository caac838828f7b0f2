package io.airlock.interceptor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlocked;
import io.airlock.Intent;
import io.airlock.Policy;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.interceptor.AirlockedExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Invalid {@code @Airlocked} members fail the deployment with a message naming the method. */
class AirlockedDeploymentTest {

    /** No no-argument constructor, not a bean. */
    public static class NeedsArgument implements Policy {
        public NeedsArgument(String why) {
        }

        @Override
        public boolean allows(Intent intent) {
            return true;
        }
    }

    /** Fails when created. */
    public static class Exploding implements Policy {
        public Exploding() {
            throw new IllegalStateException("no config");
        }

        @Override
        public boolean allows(Intent intent) {
            return true;
        }
    }

    @ApplicationScoped
    public static class BadPolicy {
        @Airlocked(policy = NeedsArgument.class)
        public void work() {
        }
    }

    @ApplicationScoped
    public static class ExplodingPolicy {
        @Airlocked(policy = Exploding.class)
        public void work(String a, int b) {
        }
    }

    @ApplicationScoped
    public static class UnknownExecutor {
        @Airlocked(executor = "carrier-pigeon")
        public void work() {
        }
    }

    @ApplicationScoped
    public static class BothExecutors {
        @Airlocked(executor = "sync", executorType = io.airlock.executor.SyncExecutor.class)
        public void work() {
        }
    }

    @ApplicationScoped
    public static class BlankExecutor {
        @Airlocked(executor = "   ")
        public void work() {
        }
    }

    @ApplicationScoped
    public static class DiscardOnAndDont {
        @Airlocked(discardOn = {IllegalStateException.class, java.io.IOException.class}, dontDiscardOn = java.io.IOException.class)
        public void work() {
        }
    }

    @Test
    void aBlankExecutorName() {
        String message = deploymentFailure(BlankExecutor.class);
        assertTrue(message.contains("BlankExecutor.work()") && message.contains("names no executor"), message);
    }

    @Test
    void oneClassInDiscardOnAndDontDiscardOn() {
        String message = deploymentFailure(DiscardOnAndDont.class);
        assertTrue(message.contains("DiscardOnAndDont.work()") && message.contains("java.io.IOException is in both"), message);
    }

    @ApplicationScoped
    public static class PrivateBoundary {
        public void work() {
            inside();
        }

        @Airlocked
        private void inside() {
        }
    }

    @ApplicationScoped
    public static class StaticBoundary {
        @Airlocked
        public static void work() {
        }
    }

    public interface Checkout {
        @Airlocked
        void place(String order);
    }

    @ApplicationScoped
    public static class CheckoutBean implements Checkout {
        @Override
        public void place(String order) {
        }
    }

    public abstract static class AbstractCheckout {
        @Airlocked
        public abstract void place(String order);
    }

    @ApplicationScoped
    public static class ConcreteCheckout extends AbstractCheckout {
        @Override
        public void place(String order) {
        }
    }

    public interface AnnotatedContract {
        @Airlocked
        void place(String order);
    }

    /** The contract annotated as documentation, and the implementation that carries the binding. */
    @ApplicationScoped
    public static class AnnotatedImplementation implements AnnotatedContract {
        @Override
        @Airlocked
        public void place(String order) {
        }
    }

    @Test
    void anAbstractMethodWhoseImplementationCarriesTheBindingDeploys() {
        try (WeldContainer container = AirlockWeld.weld(AnnotatedImplementation.class, AnnotatedContract.class).addExtension(new AirlockedExtension())
                .initialize()) {
            assertTrue(container.isRunning());
        }
    }

    /** On a class, @Airlocked binds the methods CDI can intercept; its private and static methods are no mistake. */
    @ApplicationScoped
    @Airlocked
    public static class WholeClass {
        public void work() {
            helper();
        }

        private void helper() {
        }

        public static void utility() {
        }
    }

    @Test
    void aPrivateMethod() {
        String message = deploymentFailure(PrivateBoundary.class);
        assertTrue(message.contains("PrivateBoundary.inside() opens no scope") && message.contains("never a private method"), message);
    }

    @Test
    void aStaticMethod() {
        String message = deploymentFailure(StaticBoundary.class);
        assertTrue(message.contains("StaticBoundary.work() opens no scope") && message.contains("never a static method"), message);
    }

    @Test
    void anInterfaceMethod() {
        String message = deploymentFailure(CheckoutBean.class, Checkout.class);
        assertTrue(message.contains("Checkout.place(String) opens no scope") && message.contains("does not inherit"), message);
    }

    @Test
    void anAbstractMethod() {
        String message = deploymentFailure(ConcreteCheckout.class, AbstractCheckout.class);
        assertTrue(message.contains("AbstractCheckout.place(String) opens no scope") && message.contains("does not inherit"), message);
    }

    @Test
    void aClassBindingLeavesPrivateAndStaticMethodsAlone() {
        try (WeldContainer container = AirlockWeld.weld(WholeClass.class).addExtension(new AirlockedExtension()).initialize()) {
            assertTrue(container.isRunning());
        }
    }

    private static String deploymentFailure(Class<?>... beans) {
        DeploymentException e = assertThrows(DeploymentException.class, () -> {
            try (WeldContainer container = AirlockWeld.weld(beans).addExtension(new AirlockedExtension()).initialize()) {
                container.isRunning();
            }
        });
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) {
                messages.append(s.getMessage()).append('\n');
            }
        }
        return messages.toString();
    }

    @Test
    void aPolicyWithoutANoArgumentConstructor() {
        String message = deploymentFailure(BadPolicy.class);
        assertTrue(message.contains("BadPolicy.work()"), message);
        assertTrue(message.contains("no-argument constructor"), message);
    }

    @Test
    void aPolicyThatFailsWhenCreated() {
        String message = deploymentFailure(ExplodingPolicy.class);
        assertTrue(message.contains("ExplodingPolicy.work(String, int)"), message);
        assertTrue(message.contains("no config"), message);
    }

    @Test
    void anUnknownExecutorName() {
        String message = deploymentFailure(UnknownExecutor.class);
        assertTrue(message.contains("UnknownExecutor.work()"), message);
        assertTrue(message.contains("carrier-pigeon"), message);
        assertTrue(message.contains("sync"), message);
    }

    @Test
    void executorAndExecutorTypeTogether() {
        String message = deploymentFailure(BothExecutors.class);
        assertTrue(message.contains("not both"), message);
    }
}
