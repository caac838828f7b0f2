package io.airlock.internal.jms;

import io.airlock.DispatchOptions;
import io.airlock.Intent;
import io.airlock.TaskMethod;
import io.airlock.UndeliverableIntentException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.StringWriter;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.function.Function;

/**
 * The JSON form of an intent in a JMS text message (documented in {@code docs/jms-format.md}), built with
 * JSON-P, each argument serialized with JSON-B against the method's declared parameter type. Decoding
 * matches the target against the {@link TaskRegistry} by name and never loads a class a message names.
 */
public final class IntentCodec {

    /**
     * The most characters a JSON number in a message may have: reading a decimal number of n digits takes time in n
     * squared, so a longer one is rejected unread. A {@code double} needs at most 24, a {@code long} 20; a
     * {@code BigInteger} or {@code BigDecimal} of about a thousand digits travels (JSON-P's own implementation bounds
     * the {@code BigDecimal} it reads alike). A sender refuses an argument or option that would exceed it.
     */
    public static final int MAX_NUMBER_LENGTH = 1100;

    /** The version of the format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Nesting deeper than this is rejected before parsing. */
    public static final int MAX_DEPTH = 64;

    private static volatile Jsonb shared;
    private static volatile JsonProvider provider;

    private IntentCodec() {
    }

    /** One JSON-B instance per class loader: creating one is expensive, using one is thread-safe. */
    static Jsonb jsonb() {
        Jsonb j = shared;
        if (j == null) {
            synchronized (IntentCodec.class) {
                j = shared;
                if (j == null) {
                    try {
                        j = JsonbBuilder.create();
                    } catch (RuntimeException | LinkageError e) {
                        throw noJsonB(e);
                    }
                    shared = j;
                }
            }
        }
        return j;
    }

    /**
     * One JSON-P provider per class loader. The static {@code Json.createXxx} methods look the provider up
     * through the service loader on every call, which cost more than the rest of a message's encoding
     * (about 150 µs a message, docs/performance.md). The durable store writes its rows' history with it too.
     *
     * @throws IllegalStateException naming the missing implementation and how to add one, when there is no JSON-P provider
     */
    public static JsonProvider json() {
        JsonProvider p = provider;
        if (p == null) {
            p = jsonProvider();
            provider = p;
        }
        return p;
    }

    /**
     * Fails, naming what is missing and how to add it, unless the JSON-P and JSON-B implementations this format needs
     * are present: the durable store calls it as the application starts, so that their absence fails the deployment
     * rather than the first flush. JSON-P is looked up again (cheap), so each deployment is checked as it is.
     */
    public static void requireImplementations() {
        provider = jsonProvider();
        jsonb();
    }

    /** A JSON-P provider, looked up now (not the one {@link #json()} keeps). */
    static JsonProvider jsonProvider() {
        try {
            return JsonProvider.provider();
        } catch (RuntimeException | LinkageError e) {
            throw noJsonP(e);
        }
    }

    /** The error of a runtime without a JSON-P implementation, {@code cause} being the failed lookup. */
    static IllegalStateException noJsonP(Throwable cause) {
        return missing("JSON-P", "Jakarta JSON Processing", "enable the jsonb-3.0 feature, which brings jsonp-2.1", "org.eclipse.parsson:parsson", cause);
    }

    /** The error of a runtime without a JSON-B implementation, {@code cause} being the failed lookup. */
    static IllegalStateException noJsonB(Throwable cause) {
        return missing("JSON-B", "Jakarta JSON Binding", "enable the jsonb-3.0 feature", "org.eclipse:yasson", cause);
    }

    /** Both users of this format need both implementations: the JMS executor, and the durable store, whose rows hold it. */
    private static IllegalStateException missing(String api, String name, String onLiberty, String outsideAServer, Throwable cause) {
        return new IllegalStateException("airlock's JMS format and its durable store (airlock.store=jdbc) write intents as JSON and need a "
                + api + " implementation (" + name + "), which every Jakarta EE server provides: on Open Liberty " + onLiberty
                + "; outside a server add one to the application, for example " + outsideAServer + ". Looking it up failed with: " + cause, cause);
    }

    // ------------------------------------------------------------------ encode

    /**
     * The message body for an intent that has a method identity.
     *
     * @throws UndeliverableIntentException naming the intent and the argument when an argument or option cannot be carried
     */
    public static String encode(Intent intent) {
        return encode(intent, Map.of());
    }

    /**
     * The body, with the trace context ({@code traceparent}, {@code tracestate}) the intent carries when telemetry
     * is on: the durable store keeps it in the row, so a relayed intent continues its trace.
     */
    public static String encode(Intent intent, Map<String, String> trace) {
        TaskMethod task = intent.method().orElseThrow(() -> new IllegalArgumentException("no method identity: " + intent));
        Shape shape = SHAPES.computeIfAbsent(task, Shape::new);
        Jsonb jsonb = jsonb();
        List<Object> args = intent.args();
        // written directly rather than through JSON-P's builders and writer: the same JSON, a third of the work
        StringBuilder out = new StringBuilder(160 + shape.target.length());
        out.append("{\"format\":").append(FORMAT_VERSION).append(",\"id\":");
        quote(out, intent.id()).append(",\"name\":");
        quote(out, intent.name()).append(",\"target\":").append(shape.target).append(",\"arguments\":[");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(encodeArgument(intent, i, args.get(i), shape.carriers[i], shape.raw[i], jsonb));
        }
        out.append(']');
        Optional<String> origin = intent.origin();
        if (origin.isPresent()) {
            quote(out.append(",\"origin\":"), origin.get());
        }
        out.append(",\"options\":");
        if (intent.options().isEmpty()) {
            out.append("{}");
        } else {
            out.append(encodeOptions(intent));
        }
        if (!trace.isEmpty()) {
            out.append(",\"trace\":{");
            boolean first = true;
            for (Map.Entry<String, String> field : trace.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(out, field.getKey()).append(':');
                quote(out, field.getValue());
            }
            out.append('}');
        }
        return out.append('}').toString();
    }

    private static final Map<TaskMethod, Shape> SHAPES = new java.util.concurrent.ConcurrentHashMap<>();

    /** What every message of one task method shares: its parameter types and the JSON of its {@code target}. */
    private static final class Shape {
        final Class<?>[] raw;
        final Type[] carriers;
        final String target;

        Shape(TaskMethod task) {
            Method method = task.method();
            Type[] types = method.getGenericParameterTypes();
            raw = method.getParameterTypes();
            carriers = new Type[raw.length];
            for (int i = 0; i < raw.length; i++) {
                carriers[i] = carrierType(types[i], raw[i]);
            }
            JsonArrayBuilder parameterTypes = json().createArrayBuilder();
            for (Class<?> p : task.parameterTypes()) {
                parameterTypes.add(p.getName());
            }
            target = json().createObjectBuilder()
                    .add("targetType", task.targetType().getName())
                    .add("declaringClass", task.declaringClass().getName())
                    .add("methodName", task.methodName())
                    .add("parameterTypes", parameterTypes)
                    .build().toString();
        }
    }

    /** Appends {@code value} as a JSON string: quotes, backslashes and control characters escaped (RFC 8259). */
    static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static JsonValue encodeArgument(Intent intent, int index, Object arg, Type type, Class<?> raw, Jsonb jsonb) {
        String where = "argument " + (index + 1) + " (declared " + type.getTypeName() + ")";
        if (arg == null) {
            if (raw == java.util.Optional.class || raw == java.util.OptionalInt.class || raw == java.util.OptionalLong.class
                    || raw == java.util.OptionalDouble.class) {
                throw undeliverable(intent, where + " is null, which would arrive as an empty " + raw.getSimpleName()
                        + " (JSON-B reads null so for an optional type). Pass " + raw.getSimpleName() + ".empty().", null);
            }
            return JsonValue.NULL;
        }
        Class<?> argClass = arg.getClass();
        // an enum constant with a body is an instance of an anonymous subclass, and travels by its name as any constant
        Class<?> kind = arg instanceof Enum<?> constant ? constant.getDeclaringClass() : argClass;
        if (kind.isSynthetic() || kind.isHidden() || kind.isAnonymousClass() || kind.isLocalClass()) {
            throw undeliverable(intent, where + " is a lambda, anonymous or local class instance (" + argClass.getName()
                    + "), which has no JSON form. Pass data (a record, a String, a number, an id) and look the behaviour up in the task.", null);
        }
        JsonValue plain = plainValue(arg, raw);
        if (plain != null) {
            return plain;
        }
        String json;
        try {
            // declared Object, JSON-B writes what it is given by that type: nothing ({}); write it as what it is
            json = raw == Object.class ? jsonb.toJson(arg) : jsonb.toJson(arg, type);
        } catch (RuntimeException e) {
            throw undeliverable(intent, where + ", a " + argClass.getName() + ", has no JSON-B mapping: " + e.getMessage()
                    + ". Pass a record, a JavaBean, a String, a number or a collection of them, or an id the task can look up.", e);
        }
        Object back;
        try {
            // read back as the receiver reads it: a JSON null argument there is null, or the empty optional of an optional
            // type, without JSON-B (which reads null for Optional<Optional<T>> as an optional holding an empty one)
            back = json.strip().equals("null") ? emptyFor(raw) : jsonb.fromJson(json, ordered(type, raw));
        } catch (RuntimeException e) {
            // JSON-B's message speaks of its own customisations (e.g. @JsonbDateFormat for a java.time value out of range):
            // say what the application can do about its value or its class
            String fix = argClass.getName().startsWith("java.")
                    ? "JSON-B writes this value of a Java platform type in a form it cannot read back (a date or time outside the "
                            + "range its text form covers, say). Pass a value JSON-B reads back, or pass it in another form (its "
                            + "toString(), epoch milliseconds) and convert it in the task."
                    : "Give it a public no-argument constructor (or a @JsonbCreator), or pass a record.";
            throw undeliverable(intent, where + ", a " + argClass.getName() + ", does not read back from its JSON " + abbreviate(json) + ": "
                    + e.getMessage() + ". " + fix, e);
        }
        Class<?> expected = box(raw);
        if (back == null || !expected.isInstance(back) || !sameValue(arg, back, 0)) {
            throw undeliverable(intent, where + ", a " + argClass.getTypeName() + ", does not round-trip through JSON: it would arrive as "
                    + (back == null ? "null" : back.getClass().getTypeName() + " " + abbreviate(show(back)))
                    + (back != null && back.getClass() == argClass ? ", not the same value (JSON-B reads a number declared Object or Number "
                            + "as a BigDecimal, a char declared Object as a String, a float -0.0 as 0.0)" : "")
                    + (hasComparator(arg) ? " (a sorted collection arrives without its own comparator, ordered naturally)" : "")
                    + ". Declare the parameter (and the elements and properties it holds) as the values' own types, or pass a type "
                    + "whose JSON-B form reads back equal.", null);
        }
        JsonValue value;
        try {
            value = WrittenJson.read(json);
        } catch (JsonException unreadable) {
            throw undeliverable(intent, where + ", a " + argClass.getName() + ", has a JSON form the receiver would reject: "
                    + unreadable.getMessage() + ". Pass it in another form (a String, say) and convert it in the task.", unreadable);
        }
        try {
            ExactJson.check(value, raw.isPrimitive() ? raw : type);
        } catch (ExactJson.Inexact e) {
            throw undeliverable(intent, where + ", a " + argClass.getName() + ", has a JSON form the receiver would reject as inexact: "
                    + e.describe("args[" + index + "]") + ". Pass a value whose JSON-B form is exactly a value of the declared type.", null);
        }
        return value;
    }

    /**
     * The JSON of an argument whose declared type is its own class and one of the plain types — {@code String},
     * {@code boolean}, {@code byte}, {@code short}, {@code int}, {@code long} and their boxes — written
     * directly: JSON-B writes exactly these values (a string, {@code true}/{@code false}, the number's decimal
     * digits), they read back equal, and the receiver's exactness check accepts them, so the round trip the
     * other types go through would prove nothing. Null for every other argument.
     */
    static JsonValue plainValue(Object arg, Class<?> declared) {
        Class<?> c = arg.getClass();
        if (c != box(declared)) {
            return null;
        }
        if (c == String.class) {
            return json().createValue((String) arg);
        }
        if (c == Long.class || c == Integer.class || c == Short.class || c == Byte.class) {
            return json().createValue(((Number) arg).longValue());
        }
        if (c == Boolean.class) {
            return (Boolean) arg ? JsonValue.TRUE : JsonValue.FALSE;
        }
        return null;
    }

    /**
     * An argument of a plain declared type (see {@link #plainValue}) read from JSON that {@link ExactJson}
     * accepted for that type, as JSON-B reads it; null for other declared types.
     */
    static Object plainArgument(JsonValue value, Class<?> declared) {
        Class<?> c = box(declared);
        if (c == String.class) {
            return ((JsonString) value).getString();
        }
        if (c == Long.class) {
            return Long.valueOf(WrittenJson.text((JsonNumber) value));
        }
        if (c == Integer.class) {
            return Integer.valueOf(WrittenJson.text((JsonNumber) value));
        }
        if (c == Short.class) {
            return Short.valueOf(WrittenJson.text((JsonNumber) value));
        }
        if (c == Byte.class) {
            return Byte.valueOf(WrittenJson.text((JsonNumber) value));
        }
        if (c == Boolean.class) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        return null;
    }

    private static JsonObject encodeOptions(Intent intent) {
        JsonObjectBuilder options = json().createObjectBuilder();
        for (Map.Entry<String, Object> e : intent.options().asMap().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Duration || v instanceof Instant || v instanceof String) {
                options.add(e.getKey(), v.toString());
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                options.add(e.getKey(), ((Number) v).longValue());
            } else if (v instanceof BigDecimal b) {
                options.add(e.getKey(), b);
            } else if (v instanceof BigInteger b) {
                options.add(e.getKey(), b);
            } else if (v instanceof Double || v instanceof Float) {
                options.add(e.getKey(), ((Number) v).doubleValue());
            } else if (v instanceof Boolean b) {
                options.add(e.getKey(), b);
            } else {
                throw undeliverable(intent, "dispatch option '" + e.getKey() + "' is a " + v.getClass().getName()
                        + ", which a message cannot carry. Use a String, a number or a boolean for custom options.", null);
            }
        }
        return options.build();
    }

    private static UndeliverableIntentException undeliverable(Intent intent, String problem, Throwable cause) {
        return new UndeliverableIntentException(intent, "Cannot encode " + intent + " (id " + intent.id()
                + ") for another process (a JMS message, a durable intent's row): " + problem, cause);
    }

    // ------------------------------------------------------------------ decode

    /** An intent read back from a message, with its declared task. */
    public record Decoded(TaskMethod method, List<Object> args, String id, String name, String origin, DispatchOptions options,
            Map<String, String> trace) {
    }

    /** A message that does not describe a declared task: why, for the log line. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Reads a message body against the declared tasks. Each argument must be exactly a value of its declared
     * type ({@link ExactJson}) before JSON-B reads it.
     *
     * @throws Rejected with the reason when the body is not a well-formed intent of a declared task
     */
    public static Decoded decode(String body, TaskRegistry registry) throws Rejected {
        checkDepth(body);
        JsonValue value;
        try {
            value = WrittenJson.read(body);
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new Rejected("malformed JSON: " + e.getMessage());
        }
        if (!(value instanceof JsonObject root)) {
            throw new Rejected("the body is a JSON " + value.getValueType() + ", not an object");
        }
        JsonValue format = root.get("format");
        // by its text: a number of many digits read as a long keeps its low 64 bits (2^64 + 1 would read as 1)
        if (!(format instanceof JsonNumber n) || !WrittenJson.text(n).equals(String.valueOf(FORMAT_VERSION))) {
            throw new Rejected("unsupported format version " + (format == null ? null : abbreviate(format.toString()))
                    + " (this receiver reads format " + FORMAT_VERSION + ")");
        }
        String id = string(root, "id", true);
        String name = string(root, "name", true);
        String origin = string(root, "origin", false);
        JsonObject target = object(root, "target");
        String targetType = string(target, "targetType", true);
        String declaringClass = string(target, "declaringClass", true);
        String methodName = string(target, "methodName", true);
        JsonArray types = array(target, "parameterTypes");
        List<String> parameterTypes = new ArrayList<>();
        for (JsonValue t : types) {
            if (!(t instanceof JsonString s)) {
                throw new Rejected("target.parameterTypes holds a " + t.getValueType() + ", not a class name");
            }
            parameterTypes.add(s.getString());
        }
        String described = targetType + "::" + methodName + "(" + String.join(", ", parameterTypes) + ")"
                + (declaringClass.equals(targetType) ? "" : " declared in " + declaringClass);
        TaskMethod task = registry.find(targetType, declaringClass, methodName, parameterTypes)
                .orElseThrow(() -> new Rejected("no task " + described + " is declared with @AirlockTask in this application"));
        JsonArray arguments = array(root, "arguments");
        if (arguments.size() != parameterTypes.size()) {
            throw new Rejected("task " + described + " takes " + parameterTypes.size() + " argument(s), the message carries " + arguments.size());
        }
        Method method = task.method();
        Type[] generic = method.getGenericParameterTypes();
        Class<?>[] raw = method.getParameterTypes();
        Parameter[] parameters = method.getParameters();
        Jsonb jsonb = jsonb();
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            JsonValue arg = arguments.get(i);
            Type type = carrierType(generic[i], raw[i]);
            String argument = "argument " + (i + 1) + " of " + described
                    + (parameters[i].isNamePresent() ? ", parameter " + parameters[i].getName() + "," : "");
            if (arg.getValueType() == JsonValue.ValueType.NULL) {
                if (raw[i].isPrimitive()) {
                    throw new Rejected(argument + " is null, but the parameter is a " + raw[i].getName());
                }
                args.add(emptyFor(raw[i]));
                continue;
            }
            try {
                ExactJson.check(arg, raw[i].isPrimitive() ? raw[i] : type);
            } catch (ExactJson.Inexact e) {
                throw new Rejected(argument + " is not a " + generic[i].getTypeName() + ": " + e.describe("args[" + i + "]"));
            }
            Object decoded = plainArgument(arg, raw[i]);
            if (decoded != null) {
                args.add(decoded);
                continue;
            }
            try {
                decoded = jsonb.fromJson(arg.toString(), ordered(type, raw[i]));
            } catch (RuntimeException e) {
                throw new Rejected(argument + " is not a " + generic[i].getTypeName() + ": " + e.getMessage());
            }
            if (decoded == null || !box(raw[i]).isInstance(decoded)) {
                throw new Rejected(argument + " is not a " + generic[i].getTypeName());
            }
            args.add(decoded);
        }
        return new Decoded(task, args, id, name, origin, decodeOptions(root), trace(root));
    }

    /** The optional trace context: only its W3C fields, as strings; anything else is ignored, never a reason to reject. */
    private static Map<String, String> trace(JsonObject root) {
        if (!(root.get("trace") instanceof JsonObject trace)) {
            return Map.of();
        }
        Map<String, String> fields = new java.util.HashMap<>();
        for (String key : List.of("traceparent", "tracestate")) {
            if (trace.get(key) instanceof JsonString value && value.getString().length() <= 512) {
                fields.put(key, value.getString());
            }
        }
        return Map.copyOf(fields);
    }

    static DispatchOptions decodeOptions(JsonObject root) throws Rejected {
        JsonValue value = root.get("options");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return DispatchOptions.none();
        }
        if (!(value instanceof JsonObject options)) {
            throw new Rejected("options is a JSON " + value.getValueType() + ", not an object");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : options.entrySet()) {
            JsonValue v = e.getValue();
            switch (v.getValueType()) {
                case STRING -> map.put(e.getKey(), ((JsonString) v).getString());
                case NUMBER -> {
                    JsonNumber n = (JsonNumber) v;
                    map.put(e.getKey(), n.isIntegral() && n.bigDecimalValue().abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                            ? (Object) n.longValue() : n.bigDecimalValue());
                }
                case TRUE -> map.put(e.getKey(), Boolean.TRUE);
                case FALSE -> map.put(e.getKey(), Boolean.FALSE);
                default -> throw new Rejected("option '" + e.getKey() + "' is a JSON " + v.getValueType() + "; options are strings, numbers or booleans");
            }
        }
        try {
            return DispatchOptions.of(map);
        } catch (RuntimeException e) {
            throw new Rejected("invalid options: " + e.getMessage());
        }
    }

    private static String string(JsonObject o, String key, boolean required) throws Rejected {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                throw new Rejected("field '" + key + "' is missing");
            }
            return null;
        }
        if (!(v instanceof JsonString s) || required && s.getString().isBlank()) {
            throw new Rejected("field '" + key + "' is not a non-blank string");
        }
        return s.getString();
    }

    private static JsonObject object(JsonObject o, String key) throws Rejected {
        if (o.get(key) instanceof JsonObject obj) {
            return obj;
        }
        throw new Rejected("field '" + key + "' is missing or not an object");
    }

    private static JsonArray array(JsonObject o, String key) throws Rejected {
        if (o.get(key) instanceof JsonArray arr) {
            return arr;
        }
        throw new Rejected("field '" + key + "' is missing or not an array");
    }

    /** Rejects nesting deeper than {@link #MAX_DEPTH} with one pass over the text, before any parser recurses into it. */
    static void checkDepth(String body) throws Rejected {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new Rejected("JSON nested deeper than " + MAX_DEPTH + " levels");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    // ------------------------------------------------------------------ types

    /** The declared type, or its raw class where it mentions type variables or wildcards that JSON-B cannot bind. */
    static Type carrierType(Type generic, Class<?> raw) {
        if (raw.isPrimitive()) {
            return box(raw);
        }
        return concrete(generic) ? generic : raw;
    }

    /**
     * The type JSON-B reads a parameter as: for a parameter declared {@code Map} or {@code Set}, the insertion-ordered
     * implementation ({@code LinkedHashMap}, {@code LinkedHashSet}), so that the task iterates the entries in the order
     * the JSON carries them, the order the sender's map or set gave; JSON-B would pick a {@code HashMap} or
     * {@code HashSet}, which reorders them.
     */
    static Type ordered(Type carrier, Class<?> raw) {
        Class<?> implementation = raw == Map.class ? LinkedHashMap.class : raw == java.util.Set.class ? java.util.LinkedHashSet.class : null;
        if (implementation == null) {
            return carrier;
        }
        return carrier instanceof ParameterizedType p ? new OrderedType(implementation, p.getActualTypeArguments()) : implementation;
    }

    /**
     * {@code LinkedHashMap<K, V>} or {@code LinkedHashSet<E>} with a parameter's type arguments. Equal to every
     * {@code ParameterizedType} that names the same class and arguments, with the JDK's hash, as the type contract
     * asks: JSON-B keeps what it works out for a type in caches keyed by the type, and a type that equalled only
     * itself would add an entry on every argument read, without bound.
     */
    static final class OrderedType implements ParameterizedType {
        private final Class<?> raw;
        private final Type[] arguments;

        OrderedType(Class<?> raw, Type[] arguments) {
            this.raw = raw;
            this.arguments = arguments.clone();
        }

        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && p.getRawType() == raw && p.getOwnerType() == null
                    && java.util.Arrays.equals(arguments, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() { // as the JDK's own ParameterizedType: equal types hash alike whichever made them
            return java.util.Arrays.hashCode(arguments) ^ raw.hashCode();
        }

        @Override
        public String getTypeName() {
            return raw.getName() + java.util.Arrays.stream(arguments).map(Type::getTypeName)
                    .collect(java.util.stream.Collectors.joining(", ", "<", ">"));
        }

        @Override
        public String toString() {
            return getTypeName();
        }
    }

    private static boolean concrete(Type t) {
        if (t instanceof Class<?>) {
            return true;
        }
        if (t instanceof ParameterizedType p) {
            for (Type a : p.getActualTypeArguments()) {
                if (!concrete(a)) {
                    return false;
                }
            }
            return true;
        }
        if (t instanceof GenericArrayType g) {
            return concrete(g.getGenericComponentType());
        }
        // type variables and wildcards: JSON-B cannot bind them to a class
        return false;
    }

    /** What a JSON {@code null} stands for as a parameter: the empty optional for the optional types, as JSON-B reads it. */
    private static Object emptyFor(Class<?> raw) {
        if (raw == Optional.class) {
            return Optional.empty();
        }
        if (raw == OptionalInt.class) {
            return OptionalInt.empty();
        }
        if (raw == OptionalLong.class) {
            return OptionalLong.empty();
        }
        if (raw == OptionalDouble.class) {
            return OptionalDouble.empty();
        }
        return null;
    }

    static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return switch (c.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }

    /**
     * Whether {@code arrived}, read back from the JSON of {@code sent}, is the same value, at every depth: for an
     * array, an array of the same class whose elements are each the same value (so a {@code -0.0f} that came back
     * {@code 0.0}, or an {@code Object[]} element 42 that came back a {@code BigDecimal}, is not); for a list, a list
     * whose elements are, in order; for a map, a map with the same keys whose values are; for an optional, one whose
     * content is; for a record, a record of the same class whose components are (its own {@code equals} would compare
     * an array component by reference); for another type that defines {@code equals} (a set, a {@code BigDecimal}),
     * equal; for any other class (a JavaBean without {@code equals}), an instance of the same class whose properties
     * JSON-B writes (public getters and public fields, not {@code @JsonbTransient}) are each the same value.
     */
    /** A sorted map or set, or a priority queue, ordered by a comparator of its own rather than naturally. */
    private static boolean hasComparator(Object value) {
        return value instanceof SortedMap<?, ?> map && map.comparator() != null
                || value instanceof SortedSet<?> set && set.comparator() != null
                || value instanceof PriorityQueue<?> queue && queue.comparator() != null
                || value instanceof PriorityBlockingQueue<?> blocking && blocking.comparator() != null;
    }

    static boolean sameValue(Object sent, Object arrived, int depth) {
        if (sent == null || arrived == null) {
            return sent == arrived;
        }
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (hasComparator(sent)) {
            return false; // JSON carries the elements, not the order: it arrives ordered naturally, or not at all
        }
        Class<?> c = sent.getClass();
        if (c.isArray()) {
            if (arrived.getClass() != c || Array.getLength(arrived) != Array.getLength(sent)) {
                return false;
            }
            for (int i = 0, n = Array.getLength(sent); i < n; i++) {
                if (!sameValue(Array.get(sent, i), Array.get(arrived, i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (sent instanceof List<?> list) {
            if (!(arrived instanceof List<?> other) || other.size() != list.size()) {
                return false;
            }
            Iterator<?> theirs = other.iterator();
            for (Object element : list) {
                if (!sameValue(element, theirs.next(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (sent instanceof Map<?, ?> map) {
            if (!(arrived instanceof Map<?, ?> other) || other.size() != map.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!other.containsKey(entry.getKey()) || !sameValue(entry.getValue(), other.get(entry.getKey()), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (sent instanceof Optional<?> optional) {
            return arrived instanceof Optional<?> other && sameValue(optional.orElse(null), other.orElse(null), depth + 1);
        }
        if (OVERRIDES_EQUALS.get(c) && !c.isRecord()) {
            return sent.equals(arrived);
        }
        if (arrived.getClass() != c) {
            return false;
        }
        for (Function<Object, Object> property : WRITTEN_PROPERTIES.get(c)) {
            Object one;
            Object other;
            try {
                one = property.apply(sent);
                other = property.apply(arrived);
            } catch (RuntimeException unreadable) {
                return false;
            }
            if (!sameValue(one, other, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first String (or {@code char}) among {@code values}, their elements, entries, record components and JavaBean
     * properties, that holds a UTF-16 surrogate which is not half of a pair, or null. Such text has no UTF-8 form.
     */
    public static String unpairedSurrogateIn(List<Object> values) {
        for (Object value : values) {
            String found = unpairedSurrogateIn(value, 0);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String unpairedSurrogateIn(Object value, int depth) {
        if (value == null || depth > MAX_DEPTH || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return unpairedSurrogate(text) >= 0 ? text.toString() : null;
        }
        if (value instanceof Character c) {
            return Character.isSurrogate(c) ? String.valueOf(c) : null;
        }
        if (value instanceof char[] chars) {
            return unpairedSurrogate(java.nio.CharBuffer.wrap(chars)) >= 0 ? new String(chars) : null;
        }
        Iterable<?> parts = value instanceof Object[] array ? java.util.Arrays.asList(array)
                : value instanceof Iterable<?> iterable ? iterable
                : value instanceof Map<?, ?> map ? map.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toList()
                : value instanceof Optional<?> optional ? optional.stream().toList()
                : null;
        if (parts == null) {
            Class<?> c = value.getClass();
            if (c.isArray() || c.getName().startsWith("java.")) {
                return null; // arrays of primitives, and the platform's values (dates, UUIDs, URIs) hold no free text of their own
            }
            List<Object> properties = new ArrayList<>();
            for (Function<Object, Object> property : WRITTEN_PROPERTIES.get(c)) {
                try {
                    properties.add(property.apply(value));
                } catch (RuntimeException unreadable) {
                    // the encoding meets it too, and says so
                }
            }
            parts = properties;
        }
        for (Object part : parts) {
            String found = unpairedSurrogateIn(part, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The index of the first surrogate in {@code s} that is not half of a pair, or -1. */
    public static int unpairedSurrogate(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A value as a message names it: an array with its elements, each with its class where it is not a String. */
    private static String show(Object value) {
        if (value != null && value.getClass().isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                Object element = Array.get(value, i);
                out.append(i > 0 ? ", " : "").append(show(element));
                if (element != null && !element.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
                    out.append(" (").append(element.getClass().getSimpleName()).append(')');
                }
            }
            return out.append(']').toString();
        }
        return String.valueOf(value);
    }

    private static final ClassValue<Boolean> OVERRIDES_EQUALS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            try {
                return c.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    /**
     * The readers of the properties JSON-B writes of a class by default: a record's components; otherwise public
     * getters and public fields; none of them transient.
     */
    private static final ClassValue<List<Function<Object, Object>>> WRITTEN_PROPERTIES = new ClassValue<>() {
        @Override
        protected List<Function<Object, Object>> computeValue(Class<?> c) {
            List<Function<Object, Object>> readers = new ArrayList<>();
            if (c.isRecord()) {
                for (java.lang.reflect.RecordComponent component : c.getRecordComponents()) {
                    Method accessor = component.getAccessor();
                    if (!component.isAnnotationPresent(JsonbTransient.class) && !accessor.isAnnotationPresent(JsonbTransient.class)
                            && accessor.trySetAccessible()) {
                        readers.add(target -> invoke(accessor, target));
                    }
                }
                return List.copyOf(readers);
            }
            for (Method m : c.getMethods()) {
                String n = m.getName();
                boolean getter = m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class
                        && !n.equals("getClass") && (n.startsWith("get") && n.length() > 3 || n.startsWith("is") && n.length() > 2);
                if (getter && !m.isAnnotationPresent(JsonbTransient.class) && m.trySetAccessible()) {
                    readers.add(target -> invoke(m, target));
                }
            }
            for (Field f : c.getFields()) {
                int mod = f.getModifiers();
                if (!Modifier.isStatic(mod) && !Modifier.isTransient(mod) && !f.isAnnotationPresent(JsonbTransient.class) && f.trySetAccessible()) {
                    readers.add(target -> read(f, target));
                }
            }
            return List.copyOf(readers);
        }
    };

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
