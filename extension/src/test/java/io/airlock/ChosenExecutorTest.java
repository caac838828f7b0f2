package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.fixtures.CleanAirlock;
import io.airlock.fixtures.Mailer;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An executor chosen explicitly for a scope travels with its intents when an enclosing scope (the HTTP
 * request's, an outer {@code @Airlocked} method's) captures them, as local policies do; the enclosing scope's
 * policy still judges them, and a scope that does not honour chosen executors runs everything with its own.
 */
@ExtendWith(CleanAirlock.class)
class ChosenExecutorTest {

    private final Airlock airlock = Airlock.get();
    private final List<String> ran = new ArrayList<>();

    private IntentExecutor named(String name) {
        return new IntentExecutor() {
            @Override
            public void execute(Intent intent) {
                ran.add(name + ":" + intent.args().get(0));
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private void mail(String what) {
        airlock.enqueue(Mailer::explode, what);
    }

    @Test
    void aCapturedIntentGoesThroughTheExecutorChosenForItsScope() {
        airlock.scope().executor(named("outer")).run(() -> {
            mail("1");
            airlock.scope().executor(named("jms")).run(() -> mail("2"));
            mail("3");
        });
        assertEquals(List.of("outer:1", "jms:2", "outer:3"), ran, "in enqueue order, each through its own executor");
    }

    @Test
    void aScopeOpenedWithoutChoosingAnExecutorLeavesItToTheCapturingScope() {
        airlock.configure(c -> c.withExecutor(named("configured")));
        airlock.scope().executor(named("outer")).run(() -> {
            airlock.run(() -> mail("1"));
            airlock.scope().policy(new DropAll()).run(() -> mail("2"));
        });
        assertEquals(List.of("outer:1", "outer:2"), ran);
    }

    @Test
    void theInnermostChoiceTravelsThroughEveryLevel() {
        airlock.configure(c -> c.withExecutor(named("configured")));
        airlock.run(() -> {                                              // like the request's scope
            mail("root");
            airlock.run(() -> {                                          // nothing chosen
                airlock.scope().executor(named("jms")).run(() -> {
                    mail("a");
                    airlock.scope().executor(named("managed")).run(() -> mail("b"));
                    airlock.run(() -> mail("c"));                        // nothing chosen: jms, its capturing scope's choice
                });
                mail("d");
            });
        });
        assertEquals(List.of("configured:root", "jms:a", "managed:b", "jms:c", "configured:d"), ran);
    }

    @Test
    void theCapturingScopesPolicyStillJudgesAndLocalPoliciesStillTravel() {
        airlock.scope().policy(new BlockTasks("explode")).executor(named("outer")).run(() ->
                airlock.scope().executor(named("jms")).run(() -> mail("blocked by the outer policy")));
        assertEquals(List.of(), ran);

        airlock.scope().executor(named("outer")).run(() -> airlock.scope().executor(named("jms")).run(() -> {
            mail("kept");
            airlock.withPolicy(new DropAll()).run(() -> mail("dropped locally"));
        }));
        assertEquals(List.of("jms:kept"), ran);
    }

    /** A capturing scope that runs everything with its own executor. */
    static final class OwnExecutorOnly extends Scope {
        OwnExecutorOnly(Policy policy, IntentExecutor executor) {
            super(policy, executor);
        }

        @Override
        public boolean honoursChosenExecutors() {
            return false;
        }
    }

    @Test
    void aCapturingScopeCanSayOtherwise() {
        airlock.scope().type(OwnExecutorOnly::new).executor(named("outer")).run(() -> {
            airlock.scope().executor(named("jms")).run(() -> mail("1"));
            mail("2");
        });
        assertEquals(List.of("outer:1", "outer:2"), ran);
    }

    @Test
    void aDiscardedCapturingScopeSendsNothingWhateverWasChosen() {
        try {
            airlock.run(() -> {
                airlock.scope().executor(named("jms")).run(() -> mail("1"));
                throw new IllegalStateException("request failed");
            });
        } catch (IllegalStateException expected) {
            // discarded
        }
        assertEquals(List.of(), ran);
    }
}
