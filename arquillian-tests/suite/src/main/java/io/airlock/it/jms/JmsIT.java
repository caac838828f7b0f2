package io.airlock.it.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.Airlock;
import io.airlock.AirlockExecutors;
import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.it.Deployments;
import io.airlock.it.support.Effects;
import io.airlock.it.support.Journal;
import io.airlock.it.support.Keys;
import io.airlock.it.support.Run;
import io.airlock.jms.AirlockTaskReceiver;
import io.airlock.jms.JmsIntentExecutor;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JMS executor on the server's own broker ({@code airlock.executor=jms}), received by the application's
 * message-driven bean that extends airlock's listener.
 */
@ExtendWith(ArquillianExtension.class)
class JmsIT {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return Deployments.jms();
    }

    @Inject
    Airlock airlock;

    @Inject
    Journal journal;

    @Inject
    RogueSender rogue;

    @Inject
    InTransactionSender inTransaction;

    @Inject
    DeadLetters deadLetters;

    @Inject
    AirlockExecutors executors;

    @Test
    void intentReachesTheMessageDrivenBeanAndTheTaskRuns() throws Exception {
        assertTrue(airlock.configuration().executor() instanceof JmsIntentExecutor, () -> "executor " + airlock.configuration().executor());
        String key = Keys.unique("jms");
        Intent intent = airlock.call(() -> airlock.enqueue(Effects::record, key));
        Run run = journal.await(key, DELIVERY).orElseThrow(() -> new AssertionError("the task never ran"));
        assertNotEquals(Thread.currentThread().getName(), run.thread(), "the task ran on the sending thread");
        assertTrue(journal.ran(AirlockTasksMdb.MESSAGE + intent.id()), "the task ran, but not through the message-driven bean");
    }

    @Test
    void theConfiguredExecutorsAreInjectableAsConfigured() throws Exception {
        assertTrue(executors.get("jms") instanceof JmsIntentExecutor, () -> "jms: " + executors.get("jms"));
        String viaJms = Keys.unique("executors-jms");
        Intent sent = airlock.scope().executor(executors.get("jms")).call(() -> airlock.enqueue(Effects::record, viaJms));
        journal.await(viaJms, DELIVERY).orElseThrow(() -> new AssertionError("the task sent through executors.get(\"jms\") never ran"));
        assertTrue(journal.ran(AirlockTasksMdb.MESSAGE + sent.id()), "the task ran, but not through the message-driven bean");
        String viaManaged = Keys.unique("executors-managed");
        airlock.scope().executor(executors.get("managed")).run(() -> airlock.enqueue(Effects::record, viaManaged));
        Run run = journal.await(viaManaged, DELIVERY).orElseThrow(() -> new AssertionError("the managed task never ran"));
        assertNotEquals(Thread.currentThread().getName(), run.thread(), "the managed task ran on the flushing thread");
    }

    @Test
    void priorityAndDelayArrive() throws Exception {
        String key = Keys.unique("options");
        Intent[] sent = new Intent[1];
        long flushed = airlock.call(() -> {
            sent[0] = airlock.options(DispatchOptions.builder().priority(7).delay(Duration.ofMillis(1500)).build())
                    .enqueue(Effects::record, key);
            return System.currentTimeMillis();
        });
        Run run = journal.await(key, DELIVERY).orElseThrow(() -> new AssertionError("the task never ran"));
        assertTrue(run.millis() - flushed >= 1400, () -> "ran " + (run.millis() - flushed) + " ms after the flush, delay 1500 ms");
        Run message = journal.runs(AirlockTasksMdb.MESSAGE + sent[0].id()).get(0);
        assertTrue(message.info().startsWith("priority=7,"), () -> "JMS headers: " + message.info());
        long deliveryTime = Long.parseLong(message.info().substring(message.info().indexOf("deliveryTime=") + "deliveryTime=".length()));
        assertTrue(deliveryTime >= flushed + 1400, () -> "JMSDeliveryTime " + deliveryTime + " is not 1500 ms after the flush " + flushed);
    }

    @Test
    void undeclaredTaskIsRejectedAndNotRun() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.airlock.jms");
        logger.addHandler(handler);
        try {
            String key = Keys.unique("rogue");
            String messageId = rogue.sendUndeclared(key);
            // a declared task sent after it: once it ran, the rogue message has (almost surely) been handled
            String sentinel = Keys.unique("sentinel");
            airlock.run(() -> airlock.enqueue(Effects::record, sentinel));
            journal.await(sentinel, DELIVERY).orElseThrow(() -> new AssertionError("the declared task never ran"));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (warnings.stream().noneMatch(r -> mentions(r, messageId)) && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertTrue(warnings.stream().anyMatch(r -> mentions(r, messageId)),
                    () -> "no warning about the rejected message " + messageId + "; warnings: " + warnings.stream().map(JmsIT::text).toList());
            assertFalse(journal.await(key, Duration.ofMillis(500)).isPresent(), "the undeclared method ran");
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void inTransactionModeDeliversAfterCommitOnly() throws Exception {
        String key = Keys.unique("xa-commit");
        long workEnded = inTransaction.send(key, false);
        Run run = journal.await(key, DELIVERY).orElseThrow(() -> new AssertionError("the message of the committed transaction never arrived"));
        assertTrue(run.millis() >= workEnded, () -> "the task ran " + (workEnded - run.millis()) + " ms before the commit");

        String failed = Keys.unique("xa-rollback");
        assertThrows(IllegalStateException.class, () -> inTransaction.send(failed, true));
        String sentinel = Keys.unique("sentinel");
        inTransaction.send(sentinel, false);
        journal.await(sentinel, DELIVERY).orElseThrow(() -> new AssertionError("the sentinel never arrived"));
        assertFalse(journal.await(failed, Duration.ofSeconds(2)).isPresent(), "the message of the rolled-back transaction was delivered");
    }

    @Test
    void failedTaskIsRedeliveredWithinMaxRetries() throws Exception {
        String key = Keys.unique("retried");
        Intent intent = airlock.call(() -> airlock.options(DispatchOptions.builder().maxRetries(2).build())
                .enqueue(FailingTasks::failFirst, key, 2));
        Run done = journal.await(key, DELIVERY).orElseThrow(() -> new AssertionError(
                "the task never succeeded; attempts: " + journal.runs(FailingTasks.ATTEMPT + key).size()));
        assertEquals("3", done.info(), "the task succeeded on another attempt than the third");
        assertEquals(3, journal.runs(AirlockTasksMdb.MESSAGE + intent.id()).size(), "not three deliveries of the one message");
        assertFalse(deadLetters.await(intent.id(), Duration.ofSeconds(1)).isPresent(), "a task that succeeded was dead-lettered");
    }

    @Test
    void pastMaxRetriesTheMessageGoesToTheDeadLetterQueue() throws Exception {
        String key = Keys.unique("dead");
        Intent intent = airlock.call(() -> airlock.options(DispatchOptions.builder().maxRetries(1).build())
                .enqueue(FailingTasks::failFirst, key, Integer.MAX_VALUE));
        Message dead = deadLetters.await(intent.id(), DELIVERY).orElseThrow(() -> new AssertionError(
                "no dead letter; attempts: " + journal.runs(FailingTasks.ATTEMPT + key).size()));
        assertEquals(2, dead.getIntProperty(AirlockTaskReceiver.PROPERTY_DELIVERY_COUNT), "gave up on another delivery than the second");
        assertTrue(dead.getStringProperty(AirlockTaskReceiver.PROPERTY_FAILURE).contains("attempt 2 of " + key + " fails on purpose"),
                () -> "failure property: " + text(dead, AirlockTaskReceiver.PROPERTY_FAILURE));
        assertNotNull(dead.getStringProperty(AirlockTaskReceiver.PROPERTY_ORIGINAL_MESSAGE_ID));
        assertTrue(dead.getBody(String.class).contains(key), "the dead letter's body is not the intent's message");
        List<Run> attempts = journal.runs(FailingTasks.ATTEMPT + key);
        assertEquals(2, attempts.size(), "not two attempts");
        // a third delivery would have come by twice the broker's redelivery gap: the receiver acknowledged the message
        Thread.sleep(Math.max(1000, 2 * (attempts.get(1).millis() - attempts.get(0).millis())));
        assertEquals(2, journal.runs(FailingTasks.ATTEMPT + key).size(), "the message was delivered again after it was dead-lettered");
        assertFalse(journal.ran(key));
    }

    private static String text(Message message, String property) {
        try {
            return message.getStringProperty(property);
        } catch (JMSException e) {
            return e.toString();
        }
    }

    private static boolean mentions(LogRecord record, String messageId) {
        return text(record).contains(messageId) && text(record).contains("Rejected");
    }

    private static String text(LogRecord record) {
        String message = record.getMessage();
        Object[] params = record.getParameters();
        return params == null ? String.valueOf(message) : java.text.MessageFormat.format(String.valueOf(message), params);
    }

}
