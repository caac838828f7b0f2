package io.airlock.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.airlock.Airlock;
import io.airlock.AirlockConfig;
import io.airlock.PolicyViolationException;
import io.airlock.Scope;
import io.airlock.testing.fixtures.Effects;
import io.airlock.testing.scenarios.Scenarios;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/**
 * What the extension does around a test, seen from outside: the scenarios run through the JUnit Platform
 * test kit on this thread, so this class checks what escaped and what the thread kept afterwards.
 */
class ExtensionLifecycleTest {

    @BeforeEach
    void clean() {
        Effects.clear();
        Airlock.get().resetConfiguration();
    }

    @AfterEach
    void threadIsClean() {
        assertTrue(Airlock.get().currentScope().isEmpty(), "a scope was left on the thread");
        assertSame(AirlockConfig.defaults(), Airlock.get().configuration(), "the configuration was not reset");
    }

    @Test
    void nothingEscapesFromATestByDefault() {
        succeeds(Scenarios.DropsByDefault.class);

        assertEquals(List.of(), Effects.happened());
    }

    @Test
    void anAllowingPolicyDispatchesWhenTheTestPasses() {
        succeeds(Scenarios.AllowsAll.class);

        assertEquals(List.of("reserveStock(42)", "sendConfirmation(42, a@b.c)"), Effects.happened());
    }

    @Test
    void aFailingTestsIntentsAreDiscarded() {
        Throwable failure = fails(Scenarios.AllowsAllButFails.class);

        assertEquals("the test's own failure", failure.getMessage());
        assertEquals(List.of(), Effects.happened());
    }

    @Test
    void aDispatchFailureFailsTheTest() {
        Throwable failure = fails(Scenarios.DispatchFails.class);

        assertInstanceOf(IllegalStateException.class, failure);
        assertEquals("mail server down: at flush", failure.getMessage());
    }

    @Test
    void theScopeDispatchesThroughTheExecutorConfiguredWhenItFlushesAndTheConfigurationIsResetAfterwards() {
        succeeds(Scenarios.ConfiguresAnExecutor.class);

        assertEquals(List.of("via the test's executor: sendReminder(42)"), Effects.happened());
        // threadIsClean() checks that the test's configuration is gone
    }

    @Test
    void withWeldDeclaredFirstAnAllowingPolicyDispatchesToCdiBeansBeforeTheContainerStops() {
        succeeds(Scenarios.WeldAllowsAll.class);

        assertEquals(List.of("sendConfirmation(42, a@b.c) signed by a CDI bean"), Effects.happened());
    }

    @Test
    void theTestsScopeCapturesNestedScopesWhateverTheApplicationsScopeFactory() {
        succeeds(Scenarios.DropsAllWhateverTheScopeFactory.class);
        assertEquals(List.of(), Effects.happened(), "a factory's scope that lets nested scopes through does not get past the test's policy");

        Throwable failure = fails(Scenarios.NoSideEffectsWhateverTheScopeFactory.class);
        assertInstanceOf(PolicyViolationException.class, failure);
        assertEquals(List.of(), Effects.happened());
    }

    @Test
    void theFactorysIntentsShowWhatTheRunningDynamicTestEnqueued() {
        Events events = run(Scenarios.DynamicTestsAssertingAsTheyGo.class);
        assertEquals(2, events.succeeded().count(), events.failed().list().toString());
    }

    @Test
    void eachDynamicTestHasAScopeOfItsOwnWithinTheFactorysAndAFailingOneDispatchesNothing() {
        Events events = run(Scenarios.DynamicTests.class);
        assertEquals(1, events.failed().count());
        assertEquals(1, events.succeeded().count());
        assertEquals(List.of("sendReminder(2)"), Effects.happened());
    }

    @Test
    void aSubclassDeclarationWinsOverItsSuperclasses() {
        assertInstanceOf(PolicyViolationException.class, fails(Scenarios.NoSideEffectsOverAnAllowingBase.class));
        assertEquals(List.of(), Effects.happened());

        succeeds(Scenarios.AllowsAllOverANoSideEffectsBase.class);
        assertEquals(List.of("reserveStock(42)", "sendConfirmation(42, a@b.c)"), Effects.happened());
        Effects.clear();

        assertInstanceOf(PolicyViolationException.class, fails(Scenarios.InheritsNoSideEffects.class));
        assertEquals(List.of(), Effects.happened());

        assertInstanceOf(PolicyViolationException.class, fails(Scenarios.ImplementsAPureTestInterface.class), "declared on a test interface");
    }

    @Test
    void noSideEffectsFailsTheTestAtTheFirstEnqueue() {
        Throwable failure = fails(Scenarios.EnqueuesUnderNoSideEffects.class);

        assertInstanceOf(PolicyViolationException.class, failure);
        assertTrue(failure.getMessage().contains("reserveStock(42)"), failure.getMessage());
    }

    @Test
    void noSideEffectsFailsTheTestWhenTheCodeEnqueuesInAScopeOfItsOwn() {
        Throwable failure = fails(Scenarios.EnqueuesInItsOwnScopeUnderNoSideEffects.class);

        assertInstanceOf(PolicyViolationException.class, failure);
        assertTrue(failure.getMessage().contains("reserveStock(42)"), failure.getMessage());
        assertEquals(List.of(), Effects.happened());
    }

    @Test
    void noSideEffectsFailsTheTestEvenWhenTheCodeSwallowsTheViolation() {
        Throwable failure = fails(Scenarios.SwallowsTheViolation.class);

        assertInstanceOf(AssertionFailedError.class, failure);
        assertEquals("Expected no side effects, but the code under test enqueued [sendReminder(42)] "
                + "(and caught the PolicyViolationException that refused it).", failure.getMessage());
        assertEquals(List.of(), Effects.happened());
    }

    @Test
    void scopesTheTestLeftOpenAreClosedAndReported() {
        Throwable failure = fails(Scenarios.LeavesAScopeOpen.class);

        assertTrue(failure.getMessage().startsWith("The test left 1 airlock scope(s) open"), failure.getMessage());
        assertEquals(List.of(), Effects.happened());
    }

    @Test
    void aScopeOpenedAfterTheTestExitedItsOwnIsClosedAndReported() {
        Throwable failure = fails(Scenarios.ExitsItsScopeAndOpensAnother.class);

        assertTrue(failure.getMessage().startsWith("The test left 1 airlock scope(s) open"), failure.getMessage());
        assertEquals(List.of(), Effects.happened());
    }

    @Test
    void aScopeLeftOnTheThreadBeforeTheTestFailsIt() {
        Scope leftOver = Airlock.get().scope().open();
        Throwable failure;
        try {
            failure = fails(Scenarios.DropsByDefault.class);
        } finally {
            leftOver.exit();
            leftOver.discard();
        }
        assertTrue(failure.getMessage().startsWith("An airlock scope was left on this thread"), failure.getMessage());
    }

    @Test
    void theScopeCannotBeInjectedIntoAConstructor() {
        Throwable failure = fails(Scenarios.WantsTheScopeInItsConstructor.class);

        assertInstanceOf(ParameterResolutionException.class, failure);
        assertTrue(failure.getMessage().contains("one scope per test method"), failure.getMessage());
    }

    @Test
    void contradictoryAnnotationsAreRefused() {
        Throwable failure = fails(Scenarios.ContradictsItself.class);

        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertTrue(failure.getMessage().contains("both @NoSideEffects and @AirlockTest(policy = AllowAll.class)"), failure.getMessage());
    }

    @Test
    void aPolicyMustHaveANoArgumentConstructor() {
        Throwable failure = fails(Scenarios.NamesAPolicyWithoutNoArgConstructor.class);

        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertTrue(failure.getMessage().contains("needs a no-argument constructor"), failure.getMessage());
    }

    // ----------------------------------------------------------------------------------------------------

    private static Events run(Class<?> scenario) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(scenario)).execute();
        return results.testEvents();
    }

    private static void succeeds(Class<?> scenario) {
        Events events = run(scenario);
        events.failed().stream().findFirst().ifPresent(e -> {
            throw new AssertionError("scenario " + scenario.getSimpleName() + " failed", e.getRequiredPayload(TestExecutionResult.class)
                    .getThrowable().orElse(null));
        });
        events.assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    /** Runs a scenario of one test that must fail, and returns why. */
    private static Throwable fails(Class<?> scenario) {
        Events events = run(scenario);
        events.assertStatistics(stats -> stats.started(1).failed(1));
        return events.failed().stream().findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
