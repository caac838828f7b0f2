package io.airlock.internal.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.TaskMethod;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The message envelope is written by hand (not through JSON-P's builders): every string it quotes (id, name,
 * origin) reads back through JSON-P as exactly that string, over every UTF-16 unit and random strings, and a
 * whole message reads back with every member the format defines.
 */
class EnvelopeTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(20261205);

    @Test
    void everyQuotedStringReadsBackUnchanged() {
        List<String> strings = new ArrayList<>(List.of("", "\"", "\\", "/", "\\\"", "\u0000", "\u001f", "\u007f", "\u2028\u2029", "😀",
                "\ud83d", "\ude00", "line\nbreak\ttab\rreturn\bback\fform", "{\"json\": [1, 2]}"));
        for (int c = 0; c < 0x10000; c++) {
            strings.add(String.valueOf((char) c));
        }
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = RANDOM.nextInt(40);
            for (int j = 0; j < length; j++) {
                s.append((char) RANDOM.nextInt(0x10000));
            }
            strings.add(s.toString());
        }
        for (String s : strings) {
            String json = IntentCodec.quote(new StringBuilder("["), s).append(']').toString();
            String back = IntentCodec.json().createReader(new StringReader(json)).readArray().getString(0);
            assertEquals(s, back, () -> "quoted as " + json);
        }
    }

    @Test
    void aWholeMessageReadsBackWithEveryMember() {
        TaskMethod method = new TaskMethod(Shipping.class, Shipping.class, "ship", List.of(long.class, String.class));
        for (String origin : new String[] {null, "POST /orders \"1\"\n"}) {
            Intent.Builder builder = Intent.builder(method, List.of(7L, "tab\there")).id("id-\"1\"").name("ship \\ it")
                    .options(DispatchOptions.builder().delay(Duration.ofSeconds(3)).build());
            if (origin != null) {
                builder.origin(origin);
            }
            String text = IntentCodec.encode(builder.build());
            JsonObject body = IntentCodec.json().createReader(new StringReader(text)).readObject();
            assertEquals(IntentCodec.FORMAT_VERSION, body.getInt("format"));
            assertEquals("id-\"1\"", body.getString("id"));
            assertEquals("ship \\ it", body.getString("name"));
            JsonObject target = body.getJsonObject("target");
            assertEquals(Shipping.class.getName(), target.getString("targetType"));
            assertEquals(Shipping.class.getName(), target.getString("declaringClass"));
            assertEquals("ship", target.getString("methodName"));
            assertEquals(List.of("long", "java.lang.String"), target.getJsonArray("parameterTypes").getValuesAs(JsonString::getString));
            assertEquals(7L, body.getJsonArray("arguments").getJsonNumber(0).longValueExact());
            assertEquals("tab\there", body.getJsonArray("arguments").getString(1));
            assertEquals(origin, body.containsKey("origin") ? body.getString("origin") : null);
            assertEquals("PT3S", body.getJsonObject("options").getString("delay"));
        }
    }

    public static class Shipping {
        public void ship(long order, String item) {
        }
    }
}
