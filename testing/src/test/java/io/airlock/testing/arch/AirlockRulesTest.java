package io.airlock.testing.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.shop.Mailer;
import com.example.shop.Warehouse;
import com.example.shop.bypass.CallsAMethodOfATaskClass;
import com.example.shop.bypass.CallsATaskMethod;
import com.example.shop.bypass.SchedulesOnManagedExecutor;
import com.example.shop.bypass.SendsWithJmsProducer;
import com.example.shop.bypass.SendsWithMessageProducer;
import com.example.shop.bypass.SubmitsToManagedExecutor;
import com.example.shop.clean.EnqueuesItsEffects;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.airlock.testing.arch.fixtures.OwnExecutor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule catches a class that bypasses airlock and passes the clean ones; airlock's own packages are exempt. */
class AirlockRulesTest {

    private static final ClassFileImporter IMPORTER = new ClassFileImporter();

    @Test
    void directJmsSendsAreCaught() {
        assertViolations(AirlockRules.NO_DIRECT_JMS_SENDS, List.of(SendsWithJmsProducer.class, SendsWithMessageProducer.class),
                "Method <com.example.shop.bypass.SendsWithJmsProducer.confirm(jakarta.jms.JMSContext, jakarta.jms.Destination)> calls method "
                        + "<jakarta.jms.JMSProducer.send(jakarta.jms.Destination, java.lang.String)>",
                "Method <com.example.shop.bypass.SendsWithMessageProducer.confirm(jakarta.jms.Session, jakarta.jms.Destination)> calls method "
                        + "<jakarta.jms.MessageProducer.send(jakarta.jms.Message)>");
        assertPasses(AirlockRules.NO_DIRECT_JMS_SENDS, EnqueuesItsEffects.class);
    }

    @Test
    void directManagedExecutorSubmitsAreCaught() {
        assertViolations(AirlockRules.NO_DIRECT_MANAGED_EXECUTOR_SUBMITS, List.of(SubmitsToManagedExecutor.class, SchedulesOnManagedExecutor.class),
                "calls method <jakarta.enterprise.concurrent.ManagedExecutorService.submit(java.lang.Runnable)>",
                "calls method <jakarta.enterprise.concurrent.ManagedScheduledExecutorService.schedule(java.lang.Runnable, long, "
                        + "java.util.concurrent.TimeUnit)>");
        assertPasses(AirlockRules.NO_DIRECT_MANAGED_EXECUTOR_SUBMITS, EnqueuesItsEffects.class);
    }

    @Test
    void directCallsOfTaskMethodsAreCaught() {
        assertViolations(AirlockRules.NO_DIRECT_TASK_CALLS, List.of(CallsATaskMethod.class, CallsAMethodOfATaskClass.class),
                "Method <com.example.shop.bypass.CallsATaskMethod.checkout(com.example.shop.Mailer)> calls method "
                        + "<com.example.shop.Mailer.sendConfirmation(long)>",
                "Method <com.example.shop.bypass.CallsAMethodOfATaskClass.checkout(com.example.shop.Warehouse)> calls method "
                        + "<com.example.shop.Warehouse.reserveStock(long)>");
    }

    @Test
    void methodReferencesNonTaskMethodsAndCallsWithinTheTaskClassAreNotDirectTaskCalls() {
        assertPasses(AirlockRules.NO_DIRECT_TASK_CALLS, EnqueuesItsEffects.class, Mailer.class, Warehouse.class);
    }

    @Test
    void theRuleSaysWhyAndWhatToDoInstead() {
        String message = assertThrows(AssertionError.class, () -> AirlockRules.NO_DIRECT_TASK_CALLS.check(IMPORTER.importClasses(CallsATaskMethod.class)))
                .getMessage();

        assertTrue(message.contains("because a method declared as an airlock task must be enqueued, e.g. "
                + "airlock.enqueue(Mailer::sendConfirmation, orderId), not called directly"), message);
    }

    @Test
    void airlocksOwnPackagesAreExempt() {
        JavaClasses own = IMPORTER.importClasses(OwnExecutor.class);

        assertFalse(AirlockRules.NO_BYPASSING_AIRLOCK.evaluate(own).hasViolation());
    }

    @Test
    void furtherPackagesCanBeExempted() {
        JavaClasses bypass = IMPORTER.importPackages("com.example.shop.bypass");

        assertTrue(AirlockRules.noBypassingAirlock("com.example.shop.clean..").evaluate(bypass).hasViolation());
        assertFalse(AirlockRules.noBypassingAirlock("com.example.shop.bypass..").evaluate(bypass).hasViolation());
    }

    @Test
    void allRulesTogetherCatchEveryBypassAndPassTheCleanCode() {
        EvaluationResult bypass = AirlockRules.NO_BYPASSING_AIRLOCK.evaluate(IMPORTER.importPackages("com.example.shop.bypass"));
        assertEquals(6, bypass.getFailureReport().getDetails().size(), bypass.getFailureReport().toString());

        JavaClasses shop = IMPORTER.importClasses(EnqueuesItsEffects.class, Mailer.class, Warehouse.class, OwnExecutor.class);
        assertFalse(AirlockRules.NO_BYPASSING_AIRLOCK.evaluate(shop).hasViolation(),
                () -> AirlockRules.NO_BYPASSING_AIRLOCK.evaluate(shop).getFailureReport().toString());
    }

    private static void assertViolations(ArchRule rule, List<Class<?>> violating, String... expectedDetails) {
        EvaluationResult result = rule.evaluate(IMPORTER.importClasses(violating));
        List<String> details = result.getFailureReport().getDetails();
        assertEquals(expectedDetails.length, details.size(), details.toString());
        for (String expected : expectedDetails) {
            assertTrue(details.stream().anyMatch(d -> d.contains(expected)), "no violation contains\n" + expected + "\nin\n" + details);
        }
    }

    private static void assertPasses(ArchRule rule, Class<?>... clean) {
        EvaluationResult result = rule.evaluate(IMPORTER.importClasses(clean));
        assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
    }
}
