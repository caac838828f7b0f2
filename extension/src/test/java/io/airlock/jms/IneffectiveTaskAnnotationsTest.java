package io.airlock.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.AirlockTask;
import io.airlock.cdi.fixtures.AirlockWeld;
import io.airlock.fixtures.LogCapture;
import io.airlock.fixtures.CleanAirlock;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Serializable;
import java.util.List;
import java.util.logging.Level;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An {@code @AirlockTask} annotation that can never declare a task (on an abstract or interface method, a static
 * or private method, one of {@code Object}'s methods) is reported once at deployment, which still succeeds;
 * bridge methods, which javac annotates like the method they bridge to, are not reported.
 */
@ExtendWith(CleanAirlock.class)
class IneffectiveTaskAnnotationsTest {

    public interface Api {
        @AirlockTask
        void call(String what);
    }

    public interface Handler<T> {
        void handle(T value);
    }

    public abstract static class Base {
        @AirlockTask
        public abstract void work(String what);
    }

    @ApplicationScoped
    public static class Service extends Base implements Api, Handler<String>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public void call(String what) {
        }

        @Override
        public void work(String what) {
        }

        @AirlockTask
        @Override
        public void handle(String value) {
        }

        @AirlockTask
        public static void once(String what) {
        }

        @AirlockTask
        private void hidden(String what) {
        }

        @AirlockTask
        @Override
        public String toString() {
            return "Service";
        }
    }

    @Test
    void eachIsReportedOnceAndTheDeploymentSucceeds() {
        List<String> warnings;
        try (LogCapture log = new LogCapture(); WeldContainer container = AirlockWeld.weld(Service.class).initialize()) {
            assertTrue(container.select(Service.class).isResolvable());
            warnings = log.at(Level.WARNING);
        }
        assertEquals(5, warnings.size(), warnings.toString());
        for (String method : List.of("Api.call(java.lang.String)", "Base.work(java.lang.String)", "Service.once(java.lang.String)",
                "Service.hidden(java.lang.String)", "Service.toString()")) {
            assertEquals(1, warnings.stream().filter(w -> w.contains(method) && w.contains("declares no task")).count(), method + " in " + warnings);
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("Api.call") && w.contains("abstract")), warnings.toString());
    }
}
