package io.airlock.testing.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ArchUnit rules that catch code bypassing airlock: side effects started directly instead of enqueued, so no
 * scope, policy or transaction decides whether they escape. The Java counterpart of the original library's
 * lint check for direct {@code .delay()} calls. Add them to your own test suite:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.example.shop", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchRule airlockIsNotBypassed = AirlockRules.NO_BYPASSING_AIRLOCK;
 * }
 * }</pre>
 *
 * or without ArchUnit's JUnit 5 engine:
 *
 * <pre>{@code
 * @Test
 * void noCodeBypassesAirlock() {
 *     AirlockRules.NO_BYPASSING_AIRLOCK.check(new ClassFileImporter()
 *             .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *             .importPackages("com.example.shop"));
 * }
 * }</pre>
 *
 * <p>Each rule exempts airlock's own packages ({@code io.airlock..}, where the executors that do dispatch
 * live); the factory methods exempt further packages of your own, for example a legacy integration. Import
 * your production classes only: unit tests call task methods directly on purpose.
 *
 * <p>The rules need ArchUnit ({@code com.tngtech.archunit:archunit}, or {@code archunit-junit5} for
 * {@code @ArchTest}) on the test classpath; airlock-testing declares it optional. They name the JMS,
 * Concurrency and {@code @AirlockTask} types by name, so they load without those APIs. Calls are judged by
 * the type they are made on: an executor held as a plain {@code ExecutorService} is not recognised.
 */
public final class AirlockRules {

    private static final String AIRLOCK_PACKAGES = "io.airlock..";
    private static final String AIRLOCK_TASK = "io.airlock.AirlockTask";
    private static final String JMS_PRODUCER = "jakarta.jms.JMSProducer";
    private static final String MESSAGE_PRODUCER = "jakarta.jms.MessageProducer";
    private static final String TOPIC_PUBLISHER = "jakarta.jms.TopicPublisher";
    private static final String MANAGED_EXECUTOR = "jakarta.enterprise.concurrent.ManagedExecutorService";
    private static final String MANAGED_SCHEDULED_EXECUTOR = "jakarta.enterprise.concurrent.ManagedScheduledExecutorService";
    private static final Set<String> EXECUTOR_METHODS = Set.of("submit", "execute", "invokeAll", "invokeAny", "runAsync", "supplyAsync");
    private static final Set<String> SCHEDULING_METHODS = Set.of("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");

    /**
     * No class outside airlock sends a JMS message itself: no {@code JMSProducer.send} nor
     * {@code MessageProducer.send} (nor {@code TopicPublisher.publish}). Enqueue the work and let the JMS
     * executor send it when the scope (and the transaction) allows.
     */
    public static final ArchRule NO_DIRECT_JMS_SENDS = noDirectJmsSends();

    /**
     * No class outside airlock hands work to a {@code ManagedExecutorService} or
     * {@code ManagedScheduledExecutorService} itself ({@code submit}, {@code execute}, {@code schedule},
     * {@code runAsync}, ...). Enqueue the work and let the ManagedExecutorService executor run it.
     */
    public static final ArchRule NO_DIRECT_MANAGED_EXECUTOR_SUBMITS = noDirectManagedExecutorSubmits();

    /**
     * No class outside airlock calls a method declared as an airlock task ({@code @io.airlock.AirlockTask}
     * on the method, or on its class for the class's public instance methods). Enqueue it instead:
     * {@code airlock.enqueue(Mailer::sendConfirmation, orderId)} (a method reference is not a call). Calls
     * from within the task's own class are allowed: they run inside an intent that airlock already
     * dispatched. A lambda task that calls a task method ({@code (Mailer m) -> m.send(id)}) counts as a
     * call, since ArchUnit attributes a lambda's calls to the method that declares it; use the method
     * reference, which is also the form that can cross a queue.
     */
    public static final ArchRule NO_DIRECT_TASK_CALLS = noDirectTaskCalls();

    /** All three rules in one: nothing outside airlock sends JMS, submits to an executor or calls a task directly. */
    public static final ArchRule NO_BYPASSING_AIRLOCK = noBypassingAirlock();

    private AirlockRules() {
    }

    /**
     * {@link #NO_DIRECT_JMS_SENDS}, also allowing the given packages.
     *
     * @param alsoAllowedIn ArchUnit package identifiers such as {@code "com.example.legacy.."}, exempt in addition to airlock's own
     * @return the rule
     */
    public static ArchRule noDirectJmsSends(String... alsoAllowedIn) {
        return outside(alsoAllowedIn).should().callMethodWhere(jmsSend())
                .because("JMS messages must be enqueued as intents, so that airlock's scope, policy and transaction decide whether they are sent")
                .allowEmptyShould(true);
    }

    /**
     * {@link #NO_DIRECT_MANAGED_EXECUTOR_SUBMITS}, also allowing the given packages.
     *
     * @param alsoAllowedIn ArchUnit package identifiers such as {@code "com.example.legacy.."}, exempt in addition to airlock's own
     * @return the rule
     */
    public static ArchRule noDirectManagedExecutorSubmits(String... alsoAllowedIn) {
        return outside(alsoAllowedIn).should().callMethodWhere(managedExecutorSubmit())
                .because("background work must be enqueued as intents, so that airlock's scope, policy and transaction decide whether it runs")
                .allowEmptyShould(true);
    }

    /**
     * {@link #NO_DIRECT_TASK_CALLS}, also allowing the given packages.
     *
     * @param alsoAllowedIn ArchUnit package identifiers such as {@code "com.example.legacy.."}, exempt in addition to airlock's own
     * @return the rule
     */
    public static ArchRule noDirectTaskCalls(String... alsoAllowedIn) {
        return outside(alsoAllowedIn).should().callMethodWhere(taskCallFromAnotherClass())
                .because("a method declared as an airlock task must be enqueued, e.g. airlock.enqueue(Mailer::sendConfirmation, orderId), "
                        + "not called directly")
                .allowEmptyShould(true);
    }

    /**
     * {@link #NO_BYPASSING_AIRLOCK}, also allowing the given packages.
     *
     * @param alsoAllowedIn ArchUnit package identifiers such as {@code "com.example.legacy.."}, exempt in addition to airlock's own
     * @return the rule
     */
    public static ArchRule noBypassingAirlock(String... alsoAllowedIn) {
        return CompositeArchRule.of(noDirectJmsSends(alsoAllowedIn))
                .and(noDirectManagedExecutorSubmits(alsoAllowedIn))
                .and(noDirectTaskCalls(alsoAllowedIn));
    }

    // ------------------------------------------------------------------------------------- predicates

    /** A call of {@code send} on a JMS producer (or {@code publish} on a topic publisher). */
    public static DescribedPredicate<JavaMethodCall> jmsSend() {
        return DescribedPredicate.describe("a JMS send (JMSProducer.send, MessageProducer.send, TopicPublisher.publish)", call -> {
            JavaClass owner = call.getTargetOwner();
            String name = call.getName();
            return name.equals("send") && (owner.isAssignableTo(JMS_PRODUCER) || owner.isAssignableTo(MESSAGE_PRODUCER))
                    || name.equals("publish") && owner.isAssignableTo(TOPIC_PUBLISHER);
        });
    }

    /** A call that hands work to a managed (scheduled) executor service. */
    public static DescribedPredicate<JavaMethodCall> managedExecutorSubmit() {
        return DescribedPredicate.describe("a ManagedExecutorService submit, execute, invokeAll/Any, runAsync/supplyAsync or schedule", call -> {
            JavaClass owner = call.getTargetOwner();
            String name = call.getName();
            return EXECUTOR_METHODS.contains(name) && owner.isAssignableTo(MANAGED_EXECUTOR)
                    || SCHEDULING_METHODS.contains(name) && owner.isAssignableTo(MANAGED_SCHEDULED_EXECUTOR);
        });
    }

    /** A call, from another class, of a method declared as an airlock task. */
    public static DescribedPredicate<JavaMethodCall> taskCallFromAnotherClass() {
        return DescribedPredicate.describe("a method declared as an airlock task (@" + AIRLOCK_TASK + ")", call -> {
            Optional<JavaMethod> target = call.getTarget().resolveMember();
            return target.isPresent() && isTask(target.get()) && !call.getOriginOwner().equals(target.get().getOwner());
        });
    }

    /** Whether the method is declared as an airlock task, as the JMS receiver reads {@code @AirlockTask}. */
    static boolean isTask(JavaMethod method) {
        if (method.isAnnotatedWith(AIRLOCK_TASK)) {
            return true;
        }
        Set<JavaModifier> modifiers = method.getModifiers();
        return method.getOwner().isAnnotatedWith(AIRLOCK_TASK) && modifiers.contains(JavaModifier.PUBLIC)
                && !modifiers.contains(JavaModifier.STATIC) && !modifiers.contains(JavaModifier.SYNTHETIC)
                && !modifiers.contains(JavaModifier.BRIDGE);
    }

    private static com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction outside(String... alsoAllowedIn) {
        List<String> allowed = new ArrayList<>();
        allowed.add(AIRLOCK_PACKAGES);
        allowed.addAll(List.of(alsoAllowedIn));
        return noClasses().that().resideOutsideOfPackages(allowed.toArray(new String[0]));
    }
}
