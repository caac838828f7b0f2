package io.airlock.jms;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.cdi.fixtures.Recorder;
import io.airlock.fixtures.LogCapture;
import io.airlock.jms.fixtures.Broker;
import io.airlock.jms.fixtures.Messages;
import io.airlock.jms.fixtures.Shipping;
import jakarta.inject.Inject;
import jakarta.jms.MessageListener;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldJunit5Extension;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forged messages whose target names run two names together (a parameter type holding two, a separator inside a class
 * name): the receiver looks the task up part by part, so they name no task and are rejected as such, nothing run.
 */
@ExtendWith(WeldJunit5Extension.class)
class ForgedTargetTest {

    static final String QUEUE = "airlock.test.forged-target";
    @RegisterExtension
    static final Broker broker = Broker.forTestClass(44);

    static class Tasks extends AirlockMessageListener implements MessageListener {
    }

    @WeldSetup
    public WeldInitiator weld = AirlockWeld.initiator(Shipping.class);

    @Inject
    Recorder recorder;
    LogCapture log;
    Messages messages;

    @BeforeEach
    void setUp() throws Exception {
        broker.purge(QUEUE);
        log = new LogCapture();
        messages = new Messages(broker, QUEUE, new Tasks(), recorder, log);
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    private static JsonObject ship(JsonObject target, Object... args) {
        var a = Json.createArrayBuilder();
        for (Object o : args) {
            if (o instanceof Integer i) {
                a.add(i);
            } else {
                a.add(String.valueOf(o));
            }
        }
        return Json.createObjectBuilder().add("format", 1).add("id", "h").add("name", "ship").add("target", target)
                .add("arguments", a).add("options", Json.createObjectBuilder()).build();
    }

    private static JsonObject target(String... params) {
        var p = Json.createArrayBuilder();
        for (String s : params) {
            p.add(s);
        }
        return Json.createObjectBuilder().add("targetType", Shipping.class.getName()).add("declaringClass", Shipping.class.getName())
                .add("methodName", "ship").add("parameterTypes", p).build();
    }

    /** One parameter type naming both, joined by the registry's separator, with one argument: rejected, nothing runs. */
    @Test
    void parameterTypesJoinedByACommaWithOneArgument() {
        String id = messages.send(ship(target("java.lang.Long,java.lang.String"), 7).toString());
        // jms-format.md, "What the receiver accepts" 4: target names, as strings, a declared method; this one names none
        messages.assertRejected(id, "no task");
    }

    @Test
    void parameterTypesJoinedByACommaWithTwoArguments() {
        String id = messages.send(ship(target("java.lang.Long,java.lang.String"), 7, "Main St").toString());
        messages.assertRejected(id, "no task");
    }

    @Test
    void aValidMessageRuns() {
        String id = messages.send(ship(target("java.lang.Long", "java.lang.String"), 7, "Main St").toString());
        messages.assertRuns(id, "ship(7, Main St) in scope");
    }

    @Test
    void formatWrittenAsAFractionIsRejected() {
        String body = ship(target("java.lang.Long", "java.lang.String"), 7, "Main St").toString().replace("\"format\":1", "\"format\":1.0");
        messages.assertRejected(messages.send(body), "format");
    }

    @Test
    void namesThatRunTwoPartsTogetherNameNoTask() {
        String shipping = Shipping.class.getName();
        for (JsonObject target : new JsonObject[] {
                Json.createObjectBuilder().add("targetType", shipping + "|" + shipping).add("declaringClass", "ship")
                        .add("methodName", "java.lang.Long").add("parameterTypes", Json.createArrayBuilder()).build(),
                Json.createObjectBuilder().add("targetType", shipping).add("declaringClass", shipping + "|ship")
                        .add("methodName", "ship").add("parameterTypes", Json.createArrayBuilder().add("java.lang.Long").add("java.lang.String")).build(),
                Json.createObjectBuilder().add("targetType", shipping).add("declaringClass", shipping)
                        .add("methodName", "ship|java.lang.Long").add("parameterTypes", Json.createArrayBuilder().add("java.lang.String")).build()}) {
            messages.assertRejected(messages.send(ship(target, 7, "Main St").toString()), "no task");
        }
    }
}
