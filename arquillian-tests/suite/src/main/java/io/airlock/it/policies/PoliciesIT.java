package io.airlock.it.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.Intent;
import io.airlock.PolicyViolationException;
import io.airlock.it.Deployments;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Keys;
import io.airlock.it.support.Run;
import io.airlock.policy.AssertNoEffects;
import io.airlock.policy.BlockTasks;
import io.airlock.policy.DropAll;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built-in policies and a local policy block, in the container, with the synchronous executor. */
@ExtendWith(ArquillianExtension.class)
class PoliciesIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.policies();
    }

    @Inject
    Airlock airlock;

    @Inject
    Journal journal;

    @Inject
    Reprocessing reprocessing;

    @Test
    void dropAllIsADryRun() {
        String key = Keys.unique("dry");
        List<Intent> wouldRun = airlock.scope().policy(new DropAll()).call(() -> {
            airlock.enqueue(Effects::record, key);
            airlock.enqueue(Effects::sendMail, key);
            return airlock.currentScope().orElseThrow().intents();
        });
        assertEquals(List.of("record", "sendMail"), wouldRun.stream().map(Intent::name).toList(), "what the dry run would have sent");
        assertFalse(journal.ran(key), "a dry run dispatched");
    }

    @Test
    void blockTasksDropsOnlyTheNamedTasks() {
        String key = Keys.unique("block");
        airlock.scope().policy(new BlockTasks("sendMail")).run(() -> {
            airlock.enqueue(Effects::record, key);
            airlock.enqueue(Effects::sendMail, key);
            airlock.enqueue(Effects::chargeCard, key);
        });
        assertEquals(List.of("record", "chargeCard"), tasks(key));

        String refused = Keys.unique("refused");
        assertThrows(PolicyViolationException.class, () -> airlock.scope().policy(BlockTasks.throwingOnEnqueue("sendMail")).run(() -> {
            airlock.enqueue(Effects::record, refused);
            airlock.enqueue(Effects::sendMail, refused);
        }));
        assertFalse(journal.ran(refused), "the scope whose enqueue was refused dispatched");
    }

    @Test
    void policyBeanOnAirlockedInsideTransaction() {
        String key = Keys.unique("bean-policy");
        reprocessing.reprocess(key);
        assertEquals(List.of("record", "chargeCard"), tasks(key));
    }

    @Test
    void assertNoEffectsRefusesTheFirstEnqueue() {
        String key = Keys.unique("pure");
        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> airlock.scope().policy(new AssertNoEffects()).run(() -> airlock.enqueue(Effects::record, key)));
        assertTrue(e.getMessage().contains("record"), e::getMessage);
        assertFalse(journal.ran(key));
        airlock.scope().policy(new AssertNoEffects()).run(() -> { }); // no effect, no complaint
    }

    @Test
    void localPolicyBlockFiltersOnlyWhatItEnqueued() {
        String before = Keys.unique("before");
        String inside = Keys.unique("inside");
        String after = Keys.unique("after");
        airlock.run(() -> {
            airlock.enqueue(Effects::record, before);
            airlock.withPolicy(new DropAll()).run(() -> airlock.enqueue(Effects::record, inside));
            airlock.enqueue(Effects::record, after);
        });
        assertEquals(List.of(before, after), journal.order(before, inside, after));
    }

    private List<String> tasks(String key) {
        return journal.runs(key).stream().map(Run::task).toList();
    }
}
