package io.airlock.internal.jms;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads JSON text into JSON-P values whose numbers keep the text they were written with. A JSON-P reader
 * keeps only a number's {@link BigDecimal}, which cannot tell {@code 42} from {@code 4.2e1}; {@link ExactJson}
 * needs the text to accept only whole numbers written as such for an {@code int}.
 */
final class WrittenJson {

    private WrittenJson() {
    }

    /**
     * The one JSON value the text holds.
     *
     * @throws JsonException (a {@link jakarta.json.stream.JsonParsingException} among them) when the text is not one JSON value
     */
    static JsonValue read(String text) {
        try (JsonParser parser = IntentCodec.json().createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new JsonException("no JSON value");
            }
            JsonValue value = value(parser, parser.next());
            if (parser.hasNext()) {
                throw new JsonException("more than one JSON value");
            }
            return value;
        }
    }

    /** The text a number was written with: the parser's for numbers read here, JSON-P's canonical form for others. */
    static String text(JsonNumber number) {
        return number instanceof WrittenNumber n ? n.text : number.toString();
    }

    private static JsonValue value(JsonParser parser, JsonParser.Event event) {
        switch (event) {
            case START_OBJECT -> {
                JsonObjectBuilder object = IntentCodec.json().createObjectBuilder();
                Set<String> names = new HashSet<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                    String key = parser.getString();
                    if (!names.add(key)) {
                        // a builder keeps the last, another reader the first: which value counts must not depend on the reader
                        throw new JsonException("the member name " + IntentCodec.json().createValue(key.length() > 80 ? key.substring(0, 80) + "…" : key)
                                + " appears twice in one object");
                    }
                    object.add(key, value(parser, parser.next()));
                }
                return object.build();
            }
            case START_ARRAY -> {
                JsonArrayBuilder array = IntentCodec.json().createArrayBuilder();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
                    array.add(value(parser, e));
                }
                return array.build();
            }
            case VALUE_STRING -> {
                return IntentCodec.json().createValue(parser.getString());
            }
            case VALUE_NUMBER -> {
                String text = parser.getString();
                if (text.length() > IntentCodec.MAX_NUMBER_LENGTH) {
                    // reading a decimal number of n digits takes time in n squared: a megabyte of digits, seconds of CPU
                    throw new JsonException("a number of " + text.length() + " characters, longer than the " + IntentCodec.MAX_NUMBER_LENGTH
                            + " a number may have");
                }
                return new WrittenNumber(text);
            }
            case VALUE_TRUE -> {
                return JsonValue.TRUE;
            }
            case VALUE_FALSE -> {
                return JsonValue.FALSE;
            }
            case VALUE_NULL -> {
                return JsonValue.NULL;
            }
            default -> throw new JsonException("unexpected " + event);
        }
    }

    /** A JSON number with the text it was written with; equal to other JSON numbers of the same {@link BigDecimal}, as JSON-P's are. */
    static final class WrittenNumber implements JsonNumber {
        private final String text;
        private BigDecimal value;

        WrittenNumber(String text) {
            this.text = text;
        }

        @Override
        public ValueType getValueType() {
            return ValueType.NUMBER;
        }

        @Override
        public BigDecimal bigDecimalValue() {
            BigDecimal v = value;
            if (v == null) {
                v = new BigDecimal(text);
                value = v;
            }
            return v;
        }

        @Override
        public boolean isIntegral() {
            return bigDecimalValue().scale() == 0;
        }

        @Override
        public int intValue() {
            return bigDecimalValue().intValue();
        }

        @Override
        public int intValueExact() {
            return bigDecimalValue().intValueExact();
        }

        @Override
        public long longValue() {
            return bigDecimalValue().longValue();
        }

        @Override
        public long longValueExact() {
            return bigDecimalValue().longValueExact();
        }

        @Override
        public BigInteger bigIntegerValue() {
            return bigDecimalValue().toBigInteger();
        }

        @Override
        public BigInteger bigIntegerValueExact() {
            return bigDecimalValue().toBigIntegerExact();
        }

        @Override
        public double doubleValue() {
            return bigDecimalValue().doubleValue();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonNumber n && bigDecimalValue().equals(n.bigDecimalValue());
        }

        @Override
        public int hashCode() {
            return bigDecimalValue().hashCode();
        }

        /** The number as it was written, which is valid JSON. */
        @Override
        public String toString() {
            return text;
        }
    }
}
