package io.airlock.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.internal.cdi.Settings;
import io.airlock.store.fixtures.DurableDatabase;
import io.airlock.store.fixtures.XaDataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * With the durable store on and no JSON-P implementation, the application fails to start with an error that names
 * the missing implementation and how to add one (before, a static initialiser of the store failed, and every later
 * use of the class in the JVM with it). The implementation stays on the classpath: JSON-P's system property
 * {@code jakarta.json.provider} names a class that does not exist.
 */
class DurableWithoutJsonTest {

    @Test
    void aMissingJsonPImplementationFailsTheDeploymentNamingIt() {
        DurableDatabase bound = DurableDatabase.bind(XaDataSource.h2("airlock-without-json"), "java:/test/airlock-without-json",
                Map.of(Settings.STORE, "jdbc", Settings.STORE_DATASOURCE, "java:/test/airlock-without-json"));
        System.setProperty("jakarta.json.provider", "com.example.NoSuchJsonProvider");
        Throwable failure;
        try {
            failure = assertThrows(Throwable.class, () -> {
                try (WeldContainer c = AirlockWeld.weld().initialize()) {
                    // started: it should not have
                }
            });
        } finally {
            System.clearProperty("jakarta.json.provider");
            bound.release();
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        assertTrue(text.contains("need a JSON-P implementation (Jakarta JSON Processing)"), text);
        assertTrue(text.contains("for example org.eclipse.parsson:parsson"), text);
        assertTrue(!text.contains("ExceptionInInitializerError"), text);
        try (WeldContainer c = AirlockWeld.weld().initialize()) {
            // with the store off the same container starts: nothing of the failure stayed behind in the JVM
        }
    }
}
