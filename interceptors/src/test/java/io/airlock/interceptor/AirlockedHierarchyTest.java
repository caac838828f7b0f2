package io.airlock.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import io.airlock.Intent;
import io.airlock.Policy;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.cdi.fixtures.RecordingMailer;
import io.airlock.internal.interceptor.AirlockedExtension;
import io.airlock.policy.DropAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @Airlocked} through every way a bean's class hierarchy carries it: a method inherited by beans whose class
 * bindings differ, a subclass's class binding over its base's, a method binding on a base method, an override without
 * one, a stereotype (also one stacked on another), a generic override reached through its bridge; each bean keeps its
 * own members, and every binding is validated at deployment whatever the order the beans are found in.
 */
@ExtendWith(WeldJunit5Extension.class)
class AirlockedHierarchyTest {

    /** Not annotated: the subclasses below inherit its method unchanged. */
    public static class Base {
        @Inject
        Airlock airlock;

        public void work(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }
    }

    @Airlocked(policy = DropAll.class)
    @ApplicationScoped
    public static class DryRunSub extends Base {
    }

    @Airlocked
    @ApplicationScoped
    public static class RealSub extends Base {
    }

    @Airlocked(policy = DropAll.class)
    @ApplicationScoped
    public static class DropBase {
        @Inject
        Airlock airlock;

        public void shared(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }
    }

    @Airlocked
    @ApplicationScoped
    @Typed(AllowSub.class)
    public static class AllowSub extends DropBase {
    }

    /** A method binding on a base method; the subclass overrides the other method without one. */
    @ApplicationScoped
    public static class MethodBase {
        @Inject
        Airlock airlock;

        @Airlocked(policy = DropAll.class)
        public void annotated(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }

        @Airlocked(policy = DropAll.class)
        public void overridden(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }
    }

    @ApplicationScoped
    @Typed(MethodSub.class)
    public static class MethodSub extends MethodBase {
        @Override
        public void overridden(String to) {
            airlock.run(() -> airlock.enqueue(RecordingMailer::send, to)); // not intercepted: an override does not inherit the binding
        }
    }

    @Stereotype
    @Airlocked(policy = DropAll.class)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface DryRunService {
    }

    /** A stereotype that carries another. */
    @Stereotype
    @DryRunService
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface ImportJob {
    }

    @DryRunService
    @ApplicationScoped
    public static class Stereotyped {
        @Inject
        Airlock airlock;

        public void work(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }
    }

    @ImportJob
    @ApplicationScoped
    public static class StackedStereotypes {
        @Inject
        Airlock airlock;

        public void work(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }
    }

    public abstract static class Handler<T> {
        public abstract void handle(T value);
    }

    @ApplicationScoped
    public static class StringHandler extends Handler<String> {
        @Inject
        Airlock airlock;

        @Override
        @Airlocked(policy = DropAll.class)
        public void handle(String to) {
            airlock.enqueue(RecordingMailer::send, to);
        }
    }

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(AirlockWeld.weld(DryRunSub.class, RealSub.class, DropBase.class, AllowSub.class,
            MethodBase.class, MethodSub.class, Stereotyped.class, StackedStereotypes.class, StringHandler.class)
            .addExtension(new AirlockedExtension())).build();

    @Inject
    DryRunSub dryRunSub;
    @Inject
    RealSub realSub;
    @Inject
    DropBase dropBase;
    @Inject
    AllowSub allowSub;
    @Inject
    MethodBase methodBase;
    @Inject
    MethodSub methodSub;
    @Inject
    Stereotyped stereotyped;
    @Inject
    StackedStereotypes stacked;
    @Inject
    StringHandler stringHandler;
    @Inject
    Recorder recorder;

    @BeforeEach
    void clear() {
        recorder.clear();
    }

    @Test
    void beansInheritingOneMethodKeepTheirOwnClassBindings() {
        for (int round = 0; round < 3; round++) { // in either order, and again once the runners are cached
            dryRunSub.work("dry");
            realSub.work("real");
            realSub.work("real again");
            dryRunSub.work("dry again");
        }
        assertEquals(List.of("send(real)", "send(real again)"), recorder.calls().subList(0, 2));
        assertEquals(6, recorder.calls().size());
        assertTrue(recorder.calls().stream().noneMatch(call -> call.contains("dry")), recorder.calls().toString());
    }

    @Test
    void aSubclassClassBindingOverridesItsBaseClassBinding() {
        dropBase.shared("base");
        allowSub.shared("sub");
        assertEquals(List.of("send(sub)"), recorder.calls());
    }

    @Test
    void aMethodBindingIsInheritedAndAnOverrideWithoutOneIsNotIntercepted() {
        methodBase.annotated("base");
        methodSub.annotated("sub");
        methodBase.overridden("base overridden");
        methodSub.overridden("sub overridden");
        assertEquals(List.of("send(sub overridden)"), recorder.calls());
    }

    @Test
    void aStereotypesMembersApplyAlsoThroughAnotherStereotype() {
        stereotyped.work("x");
        stacked.work("y");
        assertEquals(List.of(), recorder.calls());
    }

    @Test
    void aGenericOverrideReachedThroughItsBridgeKeepsItsBinding() {
        Handler<String> handler = stringHandler;
        handler.handle("bridged");
        stringHandler.handle("direct");
        assertEquals(List.of(), recorder.calls());
    }

    /** No no-argument constructor: cannot be created. */
    public static class NeedsArgument implements Policy {
        public NeedsArgument(String why) {
        }

        @Override
        public boolean allows(Intent intent) {
            return true;
        }
    }

    public static class PlainBase {
        public void work() {
        }
    }

    @Airlocked(policy = NeedsArgument.class)
    @ApplicationScoped
    public static class BadSub extends PlainBase {
    }

    @Airlocked
    @ApplicationScoped
    public static class GoodSub extends PlainBase {
    }

    @Stereotype
    @Airlocked(policy = NeedsArgument.class)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface BadService {
    }

    @BadService
    @ApplicationScoped
    public static class BadlyStereotyped {
        public void work() {
        }
    }

    private static String deploymentFailure(Class<?>... beans) {
        DeploymentException e = assertThrows(DeploymentException.class, () -> {
            try (WeldContainer container = AirlockWeld.weld(beans).addExtension(new AirlockedExtension()).initialize()) {
                container.isRunning();
            }
        });
        String message = String.valueOf(e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            message += " / " + cause.getMessage();
        }
        return message;
    }

    @Test
    void anInvalidClassBindingFailsTheDeploymentWhateverTheOrderOfTheBeans() {
        for (Class<?>[] order : List.of(new Class<?>[] {BadSub.class, GoodSub.class}, new Class<?>[] {GoodSub.class, BadSub.class})) {
            String message = deploymentFailure(order);
            assertTrue(message.contains(BadSub.class.getName() + ".work") && message.contains(NeedsArgument.class.getSimpleName()), message);
        }
    }

    @Test
    void anInvalidMemberOnAStereotypeFailsTheDeployment() {
        String message = deploymentFailure(BadlyStereotyped.class);
        assertTrue(message.contains(BadlyStereotyped.class.getName() + ".work"), message);
    }
}
