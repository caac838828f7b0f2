package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

/**
 * Without a JSON-P or JSON-B implementation, the JMS format and the durable store fail with an error that names the
 * missing implementation, both of its users and how to add one, rather than with a class-initialisation error. The
 * implementations stay on the test classpath: JSON-P is made to look up a provider class that does not exist (its
 * system property {@code jakarta.json.provider}); JSON-B has no such switch, so its error is checked as built.
 */
class MissingJsonImplementationTest {

    @Test
    void aMissingJsonPImplementationIsNamedWithItsFix() {
        String old = System.getProperty("jakarta.json.provider");
        System.setProperty("jakarta.json.provider", "com.example.NoSuchJsonProvider");
        IllegalStateException e;
        try {
            e = assertThrows(IllegalStateException.class, IntentCodec::jsonProvider);
        } finally {
            if (old == null) {
                System.clearProperty("jakarta.json.provider");
            } else {
                System.setProperty("jakarta.json.provider", old);
            }
        }
        String message = e.getMessage();
        assertTrue(message.contains("need a JSON-P implementation (Jakarta JSON Processing)"), message);
        assertTrue(message.contains("JMS format") && message.contains("durable store (airlock.store=jdbc)"), message);
        assertTrue(message.contains("for example org.eclipse.parsson:parsson"), message);
        assertTrue(message.contains("com.example.NoSuchJsonProvider"), message);   // the lookup's own error
        assertInstanceOf(JsonException.class, e.getCause());
        IntentCodec.json();   // the real provider is still found
    }

    @Test
    void aMissingJsonBImplementationIsNamedForBothUsers() {
        JsonbException lookup = new JsonbException("JSON Binding provider org.eclipse.yasson.JsonBindingProvider not found");
        IllegalStateException e = IntentCodec.noJsonB(lookup);
        String message = e.getMessage();
        assertTrue(message.contains("need a JSON-B implementation (Jakarta JSON Binding)"), message);
        assertTrue(message.contains("JMS format") && message.contains("durable store (airlock.store=jdbc)"), message);
        assertTrue(message.contains("on Open Liberty enable the jsonb-3.0 feature"), message);
        assertTrue(message.contains("for example org.eclipse:yasson"), message);
        assertTrue(message.contains("not found"), message);
        assertTrue(e.getCause() == lookup);
    }
}
