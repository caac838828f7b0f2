package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskMethodTest {

    interface Mailer {
        void send(String to);

        void send(String to, int copies);
    }

    static class SmtpMailer implements Mailer {
        @Override
        public void send(String to) {
        }

        @Override
        public void send(String to, int copies) {
        }
    }

    @Test
    void equalTaskMethodsHaveEqualHashesWhateverListHoldsTheirParameterTypes() {
        TaskMethod a = new TaskMethod(SmtpMailer.class, Mailer.class, "send", List.of(String.class));
        TaskMethod b = new TaskMethod(SmtpMailer.class, Mailer.class, new String("send"), new ArrayList<>(List.of(String.class)));
        TaskMethod c = new TaskMethod(SmtpMailer.class, Mailer.class, "send", new LinkedList<>(List.of(String.class)));
        assertEquals(a, b);
        assertEquals(a, c);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.hashCode(), c.hashCode());
    }

    @Test
    void overloadsTargetsAndDeclaringClassesAreDifferentKeys() {
        TaskMethod one = new TaskMethod(SmtpMailer.class, Mailer.class, "send", List.of(String.class));
        TaskMethod two = new TaskMethod(SmtpMailer.class, Mailer.class, "send", List.of(String.class, int.class));
        TaskMethod otherTarget = new TaskMethod(Mailer.class, Mailer.class, "send", List.of(String.class));
        TaskMethod otherDeclarer = new TaskMethod(SmtpMailer.class, SmtpMailer.class, "send", List.of(String.class));
        assertNotEquals(one, two);
        assertNotEquals(one, otherTarget);
        assertNotEquals(one, otherDeclarer);
        Map<TaskMethod, String> keys = new HashMap<>();
        keys.put(one, "one");
        keys.put(two, "two");
        keys.put(otherTarget, "otherTarget");
        keys.put(otherDeclarer, "otherDeclarer");
        assertEquals(4, keys.size());
        assertEquals("one", keys.get(new TaskMethod(SmtpMailer.class, Mailer.class, "send", List.of(String.class))));
        assertEquals("two", keys.get(new TaskMethod(SmtpMailer.class, Mailer.class, "send", List.of(String.class, int.class))));
        assertEquals(two.method(), keys.entrySet().stream().filter(e -> e.getValue().equals("two")).findFirst().orElseThrow().getKey().method());
    }
}
