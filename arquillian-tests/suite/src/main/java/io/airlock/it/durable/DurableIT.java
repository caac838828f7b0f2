package io.airlock.it.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.it.Deployments;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Keys;
import io.airlock.it.support.Run;
import io.airlock.store.DurableIntents;
import io.airlock.store.IntentState;
import io.airlock.store.StoredIntent;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durable intents on the server's own datasource ({@code java:comp/DefaultDataSource}) and its relay on the
 * server's ManagedScheduledExecutorService: commit, rollback, retries, FAILED and resubmission, and a request
 * whose task fails answered 200.
 */
@ExtendWith(ArquillianExtension.class)
class DurableIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.durable();
    }

    @Inject
    Airlock airlock;
    @Inject
    DurableIntents durable;
    @Inject
    Purchases purchases;
    @Inject
    Bookkeeping bookkeeping;
    @Inject
    Journal journal;

    @Test
    void theApplicationsExecutorIsDurable() {
        assertEquals("durable(sync)", airlock.configuration().executor().toString());
    }

    @Test
    void theRowIsWrittenInTheTransactionAndDispatchedRightAfterTheCommit() throws Exception {
        String key = Keys.unique("commit");
        Purchases.Placed placed = purchases.place(key, false);
        assertTrue(placed.rowBeforeCommit(), "the row was not in the business transaction");
        Run run = journal.awaitRun(key);
        assertEquals(placed.intent().id(), run.info(), "the task reads the id of the intent it runs");
        awaitRow(placed.intent().id(), Optional::isEmpty, "completed rows are deleted");
    }

    @Test
    void aRollbackLeavesNoRow() throws Exception {
        String key = Keys.unique("rollback");
        assertThrows(IllegalStateException.class, () -> purchases.place(key, true));
        assertFalse(journal.await(key, Duration.ofSeconds(1)).isPresent(), "a task of a rolled-back transaction ran");
        assertEquals(0, durable.pending(0, 1000).stream().filter(i -> i.payload().contains(key)).count());
    }

    @Test
    void aFailingIntentIsRetriedByTheRelayThenKeptAsFailedThenResubmitted() throws Exception {
        String key = Keys.unique("flaky");
        bookkeeping.failFor(key, true);
        String id = purchases.place(key, false).intent().id();   // no exception: the failure is the store's
        StoredIntent failed = awaitRow(id, r -> r.filter(i -> i.state() == IntentState.FAILED).isPresent(),
                "retried by the relay until FAILED").orElseThrow();
        assertEquals(3, failed.history().size(), "the first attempt and 2 retries: " + failed.history());
        assertTrue(failed.lastError().orElseThrow().contains("ledger down for " + key), failed.history().toString());
        assertFalse(journal.ran(key));

        bookkeeping.failFor(key, false);
        assertTrue(durable.resubmit(id));
        assertEquals(id, journal.awaitRun(key).info());
        awaitRow(id, Optional::isEmpty, "completed after the resubmission");
    }

    @Test
    @RunAsClient
    void aRequestWhoseTaskFailsIsAnswered200(@ArquillianResource URL base) throws Exception {
        String root = base.toExternalForm().endsWith("/") ? base.toExternalForm() : base.toExternalForm() + "/";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root + DurableApplication.PATH
                + "/durable/failing/" + Keys.unique("request"))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().isBlank(), "the answer names the intent's id");
    }

    private Optional<StoredIntent> awaitRow(String id, Predicate<Optional<StoredIntent>> until, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Optional<StoredIntent> row = durable.find(id);
        while (!until.test(row)) {
            assertTrue(System.nanoTime() < end, what + ": intent " + id + " is " + row);
            Thread.sleep(100);
            row = durable.find(id);
        }
        return row;
    }
}
