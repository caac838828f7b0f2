package io.airlock.internal.jms;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbNumberFormat;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.json.bind.annotation.JsonbVisibility;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Whether a JSON value is <em>exactly</em> a value of a declared Java type, checked before JSON-B reads it.
 * JSON-B implementations convert leniently (Yasson reads {@code 4294967338} as the {@code int} 42, {@code 1.9}
 * as 1, {@code 1e400} as {@code Infinity}, {@code "42"} as 42, {@code 1} as the boolean {@code false},
 * {@code "ab"} as the char {@code 'a'}): a message carrying such a value would run its task on the wrong
 * record. One walk over the declared generic type and the JSON value together, at any depth:
 *
 * <ul>
 * <li>{@code byte}, {@code short}, {@code int}, {@code long}, their boxes and {@code BigInteger}: a JSON number
 *     written as a whole number (an optional minus and digits: no fraction, no exponent, so neither {@code 42.0}
 *     nor {@code 4.2e1}) within the type's range ({@code -0} is 0);</li>
 * <li>{@code float}, {@code double} and their boxes: any JSON number whose nearest {@code float}/{@code double} is
 *     finite and, for a number that is not zero, not zero: rounding to the nearest value is accepted (these
 *     types hold approximations), overflow to an infinity and underflow to zero are not;</li>
 * <li>{@code BigDecimal} and {@code Number}: any JSON number (read exactly, scale included);</li>
 * <li>{@code char} and {@code Character}: a JSON string of exactly one UTF-16 character;</li>
 * <li>{@code boolean} and {@code Boolean}: JSON {@code true} or {@code false};</li>
 * <li>{@code String}: a JSON string; enums, {@code java.time} values, {@code UUID}, {@code URI}: a JSON string
 *     (JSON-B then parses it exactly or fails);</li>
 * <li>{@code null}: for any type but a primitive, at any depth; a missing primitive record component or
 *     {@code @JsonbCreator} parameter counts as {@code null};</li>
 * <li>arrays and collections: a JSON array of exact elements; maps: a JSON object whose keys are exact for the
 *     key type (a number key is written as a JSON number in the string) and whose values are exact, or JSON-B's
 *     array of {@code {"key": ..., "value": ...}} entries; {@code Optional}, {@code OptionalInt}, ...: {@code null}
 *     or an exact value;</li>
 * <li>records and JavaBeans: a JSON object whose properties JSON-B reads (creator parameters, public setters,
 *     public fields, named as JSON-B names them) hold exact values of their declared types, type variables
 *     resolved; properties JSON-B does not read are ignored, as JSON-B ignores them;</li>
 * <li>{@code Object}, {@code JsonValue} and other platform types: as JSON-B reads them (exactly: numbers as
 *     {@code BigDecimal}), and a class (or property) whose JSON-B mapping the application customises
 *     ({@code @JsonbTypeAdapter}, {@code @JsonbTypeDeserializer}, {@code @JsonbTypeInfo}, {@code @JsonbVisibility},
 *     {@code @JsonbNumberFormat}, {@code @JsonbDateFormat}) as that customisation reads it.</li>
 * </ul>
 */
final class ExactJson {

    private ExactJson() {
    }

    /** Why a value is not exactly a value of its type, and where in the argument. */
    static final class Inexact extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Deque<String> path = new ArrayDeque<>();
        /** What is wrong, the JSON text abbreviated; {@code null} for a missing value. */
        private final String value;
        private final String reason;

        Inexact(String value, String reason) {
            super(reason, null, false, false);
            this.value = value;
            this.reason = reason;
        }

        /** Adds the step from the enclosing value, on the way out of the walk. */
        Inexact at(String step) {
            path.addFirst(step);
            return this;
        }

        /** For example {@code args[0].items[2].qty: 4294967338 is out of the range of int (...)}. */
        String describe(String root) {
            String where = root + String.join("", path);
            return value == null ? where + " " + reason : where + ": " + value + " " + reason;
        }

        @Override
        public String getMessage() {
            return describe("the value");
        }
    }

    /**
     * Checks that the value is exactly a value of the type.
     *
     * @throws Inexact naming where the value is not, and why
     */
    static void check(JsonValue value, Type type) throws Inexact {
        check(value, type, NONE);
    }

    // ------------------------------------------------------------------ the walk

    private static final Map<TypeVariable<?>, Bound> NONE = Map.of();
    private static final Bound OBJECT = new Bound(Object.class, NONE);

    /** A type and the bindings of the type variables it may mention. */
    private record Bound(Type type, Map<TypeVariable<?>, Bound> env) {
    }

    private static void check(JsonValue value, Type declared, Map<TypeVariable<?>, Bound> env) throws Inexact {
        Bound bound = resolve(declared, env);
        Type type = bound.type();
        if (type instanceof GenericArrayType array) {
            if (value.getValueType() != JsonValue.ValueType.NULL) {
                elements(value, type, array.getGenericComponentType(), bound.env());
            }
            return;
        }
        Class<?> raw = raw(type);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (raw.isPrimitive()) {
                throw new Inexact("null", "is null, but " + raw.getName() + " cannot be null");
            }
            return;
        }
        if (raw == Object.class || JsonValue.class.isAssignableFrom(raw)) {
            return;
        }
        Class<?> box = IntentCodec.box(raw);
        if (Number.class.isAssignableFrom(box) && (box.getName().startsWith("java.lang.") || box.getName().startsWith("java.math."))) {
            if (!(value instanceof JsonNumber n)) {
                throw new Inexact(show(value), "is a JSON " + kind(value) + ", not a number (declared " + raw.getName() + ")");
            }
            number(WrittenJson.text(n), raw, box);
        } else if (box == Boolean.class) {
            if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
                throw new Inexact(show(value), "is not true or false (declared " + raw.getName() + ")");
            }
        } else if (box == Character.class) {
            if (!(value instanceof JsonString s) || s.getString().length() != 1) {
                throw new Inexact(show(value), (value instanceof JsonString ? "is not one character" : "is a JSON " + kind(value)
                        + ", not a one-character string") + " (declared " + raw.getName() + ")");
            }
        } else if (writtenAsString(raw)) {
            if (!(value instanceof JsonString)) {
                throw new Inexact(show(value), "is a JSON " + kind(value) + ", not a string (declared " + raw.getName() + ")");
            }
        } else if (raw == Optional.class) {
            Bound element = typeArgument(bound, Optional.class, 0);
            check(value, element.type(), element.env());
        } else if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
            check(value, raw == OptionalInt.class ? int.class : raw == OptionalLong.class ? long.class : double.class, NONE);
        } else if (raw.isArray()) {
            elements(value, type, raw.getComponentType(), NONE);
        } else if (Collection.class.isAssignableFrom(raw)) {
            Bound element = typeArgument(bound, Collection.class, 0);
            elements(value, type, element.type(), element.env());
        } else if (Map.class.isAssignableFrom(raw)) {
            map(value, bound);
        } else if (!platform(raw)) {
            object(value, bound, raw);
        }
        // other platform types: JSON-B's own reading
    }

    private static void number(String text, Class<?> raw, Class<?> box) throws Inexact {
        if (box == Integer.class || box == Long.class || box == Short.class || box == Byte.class || box == BigInteger.class) {
            if (!WHOLE.matcher(text).matches()) {
                throw new Inexact(abbreviate(text), "is not a whole number written without a fraction or an exponent, as " + raw.getName()
                        + " needs");
            }
            if (box == BigInteger.class) {
                return;
            }
            long min = box == Integer.class ? Integer.MIN_VALUE : box == Short.class ? Short.MIN_VALUE : box == Byte.class ? Byte.MIN_VALUE
                    : Long.MIN_VALUE;
            long max = box == Integer.class ? Integer.MAX_VALUE : box == Short.class ? Short.MAX_VALUE : box == Byte.class ? Byte.MAX_VALUE
                    : Long.MAX_VALUE;
            boolean fits = false;
            if (text.length() <= 20) {
                try {
                    long v = Long.parseLong(text);
                    fits = v >= min && v <= max;
                } catch (NumberFormatException beyondLong) {
                    // fits stays false
                }
            }
            if (!fits) {
                throw new Inexact(abbreviate(text), "is out of the range of " + raw.getName() + " (" + min + " to " + max + ")");
            }
        } else if (box == Double.class || box == Float.class) {
            double v = box == Double.class ? Double.parseDouble(text) : Float.parseFloat(text);
            if (Double.isInfinite(v)) {
                throw new Inexact(abbreviate(text), "is beyond the range of " + raw.getName() + " (it would be " + v + ")");
            }
            if (v == 0 && !zero(text)) {
                throw new Inexact(abbreviate(text), "is too small for " + raw.getName() + " (it would be 0)");
            }
        }
        // BigDecimal, Number: any JSON number, read exactly
    }

    /** A whole number as JSON writes one: an optional minus and digits, no fraction, no exponent. */
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    /** A JSON number (RFC 8259), for map keys that stand for numbers. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private static boolean zero(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return true;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    private static void elements(JsonValue value, Type type, Type element, Map<TypeVariable<?>, Bound> env) throws Inexact {
        if (!(value instanceof JsonArray array)) {
            throw new Inexact(show(value), "is a JSON " + kind(value) + ", not an array (declared " + type.getTypeName() + ")");
        }
        for (int i = 0; i < array.size(); i++) {
            try {
                check(array.get(i), element, env);
            } catch (Inexact e) {
                throw e.at("[" + i + "]");
            }
        }
        if (Set.class.isAssignableFrom(raw(type))) {
            Type elementType = resolve(element, env).type();
            boolean sorted = SortedSet.class.isAssignableFrom(raw(type));
            Distinct seen = new Distinct(sorted);
            for (int i = 0; i < array.size(); i++) {
                if (!seen.add(identity(array.get(i), elementType, sorted))) {
                    throw new Inexact(show(array.get(i)), "is, as a " + elementType.getTypeName() + ", an element the set has already: it would "
                            + "arrive with fewer elements than the message carries").at("[" + i + "]");
                }
            }
        }
    }

    /**
     * The identities of a set's elements or a map's keys seen so far, compared as the receiver's set or map compares
     * them: by {@code equals} ({@code LinkedHashSet}, {@code LinkedHashMap}), or by their natural order in a sorted set or
     * map ({@code TreeSet}, {@code TreeMap}), where two values that {@code compareTo} calls equal are one even if
     * {@code equals} tells them apart. Identities that cannot be compared in order (a value JSON-B could not read beside
     * ones it could) are compared by {@code equals}: their argument's own read rejects them.
     */
    private static final class Distinct {
        private final Set<Object> equal = new HashSet<>();
        private final TreeSet<Object> ordered;

        Distinct(boolean sorted) {
            ordered = sorted ? new TreeSet<>() : null;
        }

        boolean add(Object identity) {
            boolean added = equal.add(identity);
            if (ordered != null && !(identity instanceof JsonValue)) {
                try {
                    added &= ordered.add(identity);
                } catch (ClassCastException | NullPointerException notComparable) {
                    // not in order with the others: compared by equals alone
                }
            }
            return added;
        }
    }

    /**
     * What a set's element or a map's key is once read as {@code type}, so that two JSON values that become equal
     * values have one identity: numbers by their value as the type reads them ({@code 1} and {@code -0} and {@code 0}
     * as an {@code int}, {@code 0.1} and a longer text that rounds to the same {@code double}; in a sorted set or map,
     * decimals that compare equal, {@code 1.0} and {@code 1.00}); strings, characters, enums, booleans and
     * {@code null} as written, each text being one value; any other value (a {@code java.time} value, a {@code UUID},
     * a {@code URI}, a record, a collection) as JSON-B reads it, since several texts can stand for one such value
     * ({@code "2020-01-01T00:00Z"} and {@code "2020-01-01T00:00:00Z"} as an {@code Instant}, a {@code UUID} in
     * either case, a record with its properties in two orders, {@code [1, 2]} and {@code [2, 1]} as a set).
     */
    private static Object identity(JsonValue value, Type type, boolean sorted) {
        Class<?> raw = raw(type);
        if (value instanceof JsonNumber n) {
            return numberIdentity(WrittenJson.text(n), raw, sorted);
        }
        if (value instanceof JsonString s && (raw == String.class || raw == CharSequence.class || raw == Object.class || raw.isEnum()
                || IntentCodec.box(raw) == Character.class)) {
            return s.getString();
        }
        if (!(value instanceof JsonString) && !(value instanceof JsonArray) && !(value instanceof JsonObject)) {
            return value; // null, true, false
        }
        return read(value, type, raw);
    }

    /** A value as JSON-B reads it for the receiver, or the JSON value itself where JSON-B cannot read it (the argument's read then rejects it). */
    private static Object read(JsonValue value, Type type, Class<?> raw) {
        try {
            Object read = IntentCodec.jsonb().fromJson(value.toString(), IntentCodec.ordered(type, raw));
            return read == null ? value : read;
        } catch (RuntimeException unreadable) {
            return value;
        }
    }

    private static Object numberIdentity(String text, Class<?> type, boolean sorted) {
        Class<?> box = IntentCodec.box(type);
        if (box == Integer.class || box == Long.class || box == Short.class || box == Byte.class || box == BigInteger.class) {
            return new BigInteger(text);   // checked whole above
        }
        if (box == Double.class) {
            return Double.valueOf(text);
        }
        if (box == Float.class) {
            return Float.valueOf(text);
        }
        BigDecimal decimal = new BigDecimal(text); // BigDecimal, Number, Object
        return sorted ? decimal.stripTrailingZeros() : decimal;
    }

    private static void map(JsonValue value, Bound map) throws Inexact {
        Bound key = typeArgument(map, Map.class, 0);
        Bound val = typeArgument(map, Map.class, 1);
        Class<?> keyType = raw(key.type());
        boolean sorted = SortedMap.class.isAssignableFrom(raw(map.type()));
        Distinct keys = new Distinct(sorted);
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> e : object.entrySet()) {
                try {
                    key(e.getKey(), key);
                    check(e.getValue(), val.type(), val.env());
                    if (!keys.add(keyIdentity(e.getKey(), key.type(), keyType, sorted))) {
                        throw keyAgain(null, keyType);
                    }
                } catch (Inexact x) {
                    throw x.at(step(e.getKey()));
                }
            }
        } else if (value instanceof JsonArray entries) {
            // JSON-B's form of a map whose keys are not strings: [{"key": ..., "value": ...}, ...]
            for (int i = 0; i < entries.size(); i++) {
                JsonValue entry = entries.get(i);
                try {
                    if (!(entry instanceof JsonObject o) || !List.copyOf(o.keySet()).equals(List.of("key", "value"))) {
                        throw new Inexact(show(entry), "is not a map entry {\"key\": ..., \"value\": ...} (declared " + map.type().getTypeName()
                                + ")");
                    }
                    try {
                        check(o.get("key"), key.type(), key.env());
                        if (!keys.add(identity(o.get("key"), key.type(), sorted))) {
                            throw keyAgain(show(o.get("key")), keyType);
                        }
                    } catch (Inexact x) {
                        throw x.at(".key");
                    }
                    try {
                        check(o.get("value"), val.type(), val.env());
                    } catch (Inexact x) {
                        throw x.at(".value");
                    }
                } catch (Inexact x) {
                    throw x.at("[" + i + "]");
                }
            }
        } else {
            throw new Inexact(show(value), "is a JSON " + kind(value) + ", not an object (declared " + map.type().getTypeName() + ")");
        }
    }

    /** {@link #identity} of a key written as a JSON object's member name: a number key by its value, a key that JSON-B parses from a string as it reads it. */
    private static Object keyIdentity(String key, Type type, Class<?> raw, boolean sorted) {
        if (Number.class.isAssignableFrom(IntentCodec.box(raw))) {
            return numberIdentity(key, raw, sorted);
        }
        return identity(IntentCodec.json().createValue(key), type, sorted);
    }

    /** A key that reads as one the map has already. */
    private static Inexact keyAgain(String shown, Class<?> keyType) {
        return new Inexact(shown, "is, as a " + keyType.getName() + ", a key the map has already: the map would arrive with fewer entries "
                + "than the message carries");
    }

    /** A key of a map written as a JSON object: a string that must stand exactly for a value of the key type. */
    private static void key(String key, Bound type) throws Inexact {
        Class<?> raw = raw(type.type());
        Class<?> box = IntentCodec.box(raw);
        String shown = "the key " + abbreviate(IntentCodec.json().createValue(key).toString());
        if (raw == String.class || raw == Object.class || raw == CharSequence.class) {
            return;
        }
        if (Number.class.isAssignableFrom(box) && (box.getName().startsWith("java.lang.") || box.getName().startsWith("java.math."))) {
            if (!JSON_NUMBER.matcher(key).matches()) {
                throw new Inexact(shown, "is not a JSON number (declared key type " + raw.getName() + ")");
            }
            try {
                number(key, raw, box);
            } catch (Inexact e) {
                throw new Inexact(shown, e.reason);
            }
        } else if (box == Boolean.class) {
            if (!key.equals("true") && !key.equals("false")) {
                throw new Inexact(shown, "is not true or false (declared key type " + raw.getName() + ")");
            }
        } else if (box == Character.class) {
            if (key.length() != 1) {
                throw new Inexact(shown, "is not one character (declared key type " + raw.getName() + ")");
            }
        } else if (!writtenAsString(raw)) {
            throw new Inexact(shown, "cannot stand for a " + type.type().getTypeName()
                    + ": a map with such keys is written as [{\"key\": ..., \"value\": ...}]");
        }
    }

    private static void object(JsonValue value, Bound bound, Class<?> raw) throws Inexact {
        Model model = MODELS.get(raw);
        if (model.customised != null) {
            return; // the application's JSON-B customisation reads it
        }
        if (model.unreadable != null) {
            throw new Inexact(show(value), "cannot be checked against " + raw.getName() + ": " + model.unreadable);
        }
        if (!(value instanceof JsonObject object)) {
            throw new Inexact(show(value), "is a JSON " + kind(value) + ", not an object (declared " + bound.type().getTypeName() + ")");
        }
        Map<TypeVariable<?>, Bound> env = model.generic ? bindings(bound) : NONE;
        for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            Member member = model.members.get(e.getKey());
            if (member == null || !member.checked()) {
                continue; // JSON-B ignores it, or the application's customisation reads it
            }
            try {
                check(e.getValue(), member.type(), env);
            } catch (Inexact x) {
                throw x.at(step(e.getKey()));
            }
        }
        for (Member member : model.required) {
            if (!object.containsKey(member.name())) {
                throw new Inexact(null, "is missing, but " + member.type().getTypeName() + " cannot be null").at(step(member.name()));
            }
        }
    }

    // ------------------------------------------------------------------ types

    private static Bound resolve(Type type, Map<TypeVariable<?>, Bound> env) {
        Type t = type;
        Map<TypeVariable<?>, Bound> e = env;
        for (int hops = 0; hops < 100; hops++) {
            if (t instanceof TypeVariable<?> v) {
                Bound b = e.get(v);
                if (b == null) {
                    return OBJECT; // as JSON-B reads an unbound type variable
                }
                t = b.type();
                e = b.env();
            } else if (t instanceof WildcardType w) {
                t = w.getLowerBounds().length > 0 ? Object.class : w.getUpperBounds()[0];
            } else {
                return new Bound(t, e);
            }
        }
        return OBJECT;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    /** How a use of a generic class binds its type variables and, in turn, those of its supertypes. */
    private static Map<TypeVariable<?>, Bound> bindings(Bound use) {
        Map<TypeVariable<?>, Bound> env = new HashMap<>();
        bind(raw(use.type()), use.type(), use.env(), env, new HashSet<>());
        return env;
    }

    private static void bind(Class<?> raw, Type use, Map<TypeVariable<?>, Bound> useEnv, Map<TypeVariable<?>, Bound> into,
            Set<Class<?>> seen) {
        if (!seen.add(raw)) {
            return;
        }
        if (use instanceof ParameterizedType p) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = p.getActualTypeArguments();
            for (int i = 0; i < variables.length && i < arguments.length; i++) {
                into.put(variables[i], new Bound(arguments[i], useEnv));
            }
        }
        Type superclass = raw.getGenericSuperclass();
        if (superclass != null) {
            bind(raw(superclass), superclass, into, into, seen);
        }
        for (Type i : raw.getGenericInterfaces()) {
            bind(raw(i), i, into, into, seen);
        }
    }

    /** The type a use of a class gives to a type parameter of one of its supertypes ({@code E} of {@code Collection}). */
    private static Bound typeArgument(Bound use, Class<?> supertype, int index) {
        if (use.type() instanceof ParameterizedType p && p.getRawType() == supertype) {
            return resolve(p.getActualTypeArguments()[index], use.env());
        }
        return resolve(supertype.getTypeParameters()[index], bindings(use));
    }

    /** Types JSON-B writes as JSON strings and parses exactly (or fails on). */
    private static boolean writtenAsString(Class<?> raw) {
        return raw == String.class || raw == CharSequence.class || raw.isEnum() || Temporal.class.isAssignableFrom(raw) || raw == Duration.class
                || raw == Period.class || raw == UUID.class || ZoneId.class.isAssignableFrom(raw) || raw == URI.class;
    }

    private static boolean platform(Class<?> raw) {
        String name = raw.getName();
        return raw.isPrimitive() || name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.")
                || name.startsWith("jdk.") || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    // ------------------------------------------------------------------ what JSON-B reads of a class

    /** A JSON property JSON-B reads into an object: a creator parameter or a writable property. */
    private record Member(String name, Type type, boolean checked) {
    }

    /** The JSON properties JSON-B reads into instances of a class (with its default configuration). */
    private static final class Model {
        /** Why the application's customisation reads this class instead, or {@code null}. */
        final String customised;
        /** Why JSON-B's mapping cannot be determined, or {@code null}. */
        final String unreadable;
        /** By JSON name. */
        final Map<String, Member> members;
        /** Primitive creator parameters: JSON-B would make a missing one 0 or {@code false}. */
        final List<Member> required;
        /** Whether members may mention type variables of the class or its supertypes. */
        final boolean generic;

        Model(String customised, String unreadable, Map<String, Member> members, List<Member> required, boolean generic) {
            this.customised = customised;
            this.unreadable = unreadable;
            this.members = members;
            this.required = required;
            this.generic = generic;
        }
    }

    private static final ClassValue<Model> MODELS = new ClassValue<>() {
        @Override
        protected Model computeValue(Class<?> type) {
            try {
                return model(type);
            } catch (RuntimeException | LinkageError e) {
                return new Model(null, String.valueOf(e), Map.of(), List.of(), false);
            }
        }
    };

    private static final List<Class<? extends Annotation>> TYPE_CUSTOMISATIONS = List.of(JsonbTypeAdapter.class, JsonbTypeDeserializer.class,
            JsonbTypeInfo.class, JsonbVisibility.class, JsonbNumberFormat.class, JsonbDateFormat.class);
    private static final List<Class<? extends Annotation>> PACKAGE_CUSTOMISATIONS = List.of(JsonbVisibility.class, JsonbNumberFormat.class,
            JsonbDateFormat.class);
    private static final List<Class<? extends Annotation>> MEMBER_CUSTOMISATIONS = List.of(JsonbTypeAdapter.class,
            JsonbTypeDeserializer.class, JsonbNumberFormat.class, JsonbDateFormat.class);

    private static Model model(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            hierarchy.add(0, k);
        }
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> k : hierarchy) {
            interfaces(k, interfaces);
        }
        String customised = customised(hierarchy, interfaces);
        if (customised != null) {
            return new Model(customised, null, Map.of(), List.of(), false);
        }
        boolean generic = false;
        for (Class<?> k : hierarchy) {
            generic |= k.getTypeParameters().length > 0;
        }
        for (Class<?> i : interfaces) {
            generic |= i.getTypeParameters().length > 0;
        }
        Map<String, Member> members = new HashMap<>();
        List<Member> required = new ArrayList<>();
        Executable creator = creator(type);
        if (creator != null) {
            String[] names = constructorProperties(creator);
            Parameter[] parameters = creator.getParameters();
            for (int i = 0; i < parameters.length; i++) {
                Parameter p = parameters[i];
                JsonbProperty property = p.getAnnotation(JsonbProperty.class);
                String name = property != null && !property.value().isEmpty() ? property.value() : names != null ? names[i] : p.getName();
                Member member = new Member(name, p.getParameterizedType(), !customised(p));
                members.put(name, member);
                if (p.getType().isPrimitive()) {
                    required.add(member);
                }
            }
        }
        for (Property p : properties(type, hierarchy, interfaces).values()) {
            Type writable = p.writableAs();
            if (writable != null) {
                members.putIfAbsent(p.readName(), new Member(p.readName(), writable, !p.customised()));
            }
        }
        return new Model(null, null, Map.copyOf(members), List.copyOf(required), generic);
    }

    private static void interfaces(Class<?> k, Set<Class<?>> into) {
        for (Class<?> i : k.getInterfaces()) {
            if (into.add(i)) {
                interfaces(i, into);
            }
        }
    }

    private static String customised(List<Class<?>> hierarchy, Set<Class<?>> interfaces) {
        for (Class<?> k : hierarchy) {
            for (Class<? extends Annotation> a : TYPE_CUSTOMISATIONS) {
                if (k.isAnnotationPresent(a)) {
                    return "@" + a.getSimpleName() + " on " + k.getName();
                }
            }
            Package p = k.getPackage();
            for (Class<? extends Annotation> a : PACKAGE_CUSTOMISATIONS) {
                if (p != null && p.isAnnotationPresent(a)) {
                    return "@" + a.getSimpleName() + " on package " + p.getName();
                }
            }
        }
        for (Class<?> i : interfaces) {
            for (Class<? extends Annotation> a : TYPE_CUSTOMISATIONS) {
                if (i.isAnnotationPresent(a)) {
                    return "@" + a.getSimpleName() + " on " + i.getName();
                }
            }
        }
        return null;
    }

    private static boolean customised(AnnotatedElement element) {
        if (element == null) {
            return false;
        }
        for (Class<? extends Annotation> a : MEMBER_CUSTOMISATIONS) {
            if (element.isAnnotationPresent(a)) {
                return true;
            }
        }
        return false;
    }

    /** The constructor or factory JSON-B creates instances with, when it is not the no-argument constructor. */
    private static Executable creator(Class<?> type) {
        Executable creator = null;
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (c.isAnnotationPresent(JsonbCreator.class)) {
                creator = c;
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonbCreator.class) && Modifier.isStatic(m.getModifiers())) {
                creator = m;
            }
        }
        if (creator == null && type.isRecord() && type.getDeclaredConstructors().length == 1) {
            creator = type.getDeclaredConstructors()[0];
        }
        if (creator == null) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(c.getModifiers()) && constructorProperties(c) != null) {
                    if (creator != null) {
                        return null; // JSON-B chooses none of several
                    }
                    creator = c;
                }
            }
        }
        return creator;
    }

    /** The names of {@code java.beans.ConstructorProperties}, read without depending on the java.desktop module. */
    private static String[] constructorProperties(Executable creator) {
        for (Annotation a : creator.getDeclaredAnnotations()) {
            if (a.annotationType().getName().equals("java.beans.ConstructorProperties")) {
                try {
                    return (String[]) a.annotationType().getMethod("value").invoke(a);
                } catch (ReflectiveOperationException | ClassCastException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A JavaBean property as JSON-B (Yasson) merges it from a field, a getter and a setter, across the class hierarchy. */
    private static final class Property {
        final String name;
        Field field;
        Method getter;
        Method setter;
        boolean writeTransient;

        Property(String name) {
            this.name = name;
        }

        /** The type JSON-B reads the property as, or {@code null} when it does not read it. */
        Type writableAs() {
            if (writeTransient || field != null && (field.getModifiers() & (Modifier.TRANSIENT | Modifier.STATIC | Modifier.FINAL)) != 0) {
                return null;
            }
            if (setter != null && Modifier.isPublic(setter.getModifiers()) && !Modifier.isStatic(setter.getModifiers())) {
                return setter.getGenericParameterTypes()[0];
            }
            if (field != null && Modifier.isPublic(field.getModifiers()) && (setter == null || Modifier.isPublic(setter.getModifiers()))) {
                return field.getGenericType();
            }
            return null;
        }

        /** The JSON name JSON-B reads: {@code @JsonbProperty} on the setter, else on the field, else the property's name. */
        String readName() {
            JsonbProperty onSetter = setter == null ? null : setter.getAnnotation(JsonbProperty.class);
            if (onSetter != null && !onSetter.value().isEmpty()) {
                return onSetter.value();
            }
            JsonbProperty onField = field == null ? null : field.getAnnotation(JsonbProperty.class);
            if (onField != null && !onField.value().isEmpty()) {
                return onField.value();
            }
            return name;
        }

        boolean customised() {
            return ExactJson.customised(field) || ExactJson.customised(getter) || ExactJson.customised(setter);
        }
    }

    private static Map<String, Property> properties(Class<?> type, List<Class<?>> hierarchy, Set<Class<?>> interfaces) {
        Map<String, Property> properties = new LinkedHashMap<>();
        for (Class<?> k : hierarchy) {
            Set<String> fields = new HashSet<>();
            for (Field f : k.getDeclaredFields()) {
                if (f.isSynthetic()) {
                    continue;
                }
                Property p = properties.computeIfAbsent(f.getName(), Property::new);
                p.field = f;
                p.writeTransient |= f.isAnnotationPresent(JsonbTransient.class);
                fields.add(f.getName());
            }
            for (Method m : k.getDeclaredMethods()) {
                if (m.isBridge()) {
                    continue;
                }
                String n = m.getName();
                if (k.isRecord() && m.getParameterCount() == 0 && m.getReturnType() != void.class && fields.contains(n)) {
                    properties.computeIfAbsent(n, Property::new).getter = m;
                    continue;
                }
                boolean setter = n.startsWith("set") && m.getParameterCount() == 1;
                boolean getter = (n.startsWith("get") || n.startsWith("is")) && m.getParameterCount() == 0;
                if (!setter && !getter) {
                    continue;
                }
                String name = k.isRecord() ? n : decapitalize(n.substring(n.startsWith("is") ? 2 : 3));
                Property p = properties.computeIfAbsent(name, Property::new);
                if (setter) {
                    p.setter = m;
                    p.writeTransient |= m.isAnnotationPresent(JsonbTransient.class);
                } else {
                    p.getter = m;
                }
            }
        }
        for (Class<?> i : interfaces) {
            for (Method m : i.getDeclaredMethods()) {
                String n = m.getName();
                if (m.isDefault() && n.startsWith("set") && m.getParameterCount() == 1) {
                    Property p = properties.computeIfAbsent(decapitalize(n.substring(3)), Property::new);
                    if (p.setter == null) {
                        p.setter = m;
                        p.writeTransient |= m.isAnnotationPresent(JsonbTransient.class);
                    }
                }
            }
        }
        return properties;
    }

    /** As Yasson names a property after its accessor: {@code getQty} is {@code qty}, {@code getURL} is {@code URL}. */
    private static String decapitalize(String name) {
        if (name.isEmpty() || name.length() > 1 && Character.isUpperCase(name.charAt(0)) && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    // ------------------------------------------------------------------ messages

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    /** The step to a property or map entry: {@code .qty}, or {@code ["a key"]}. */
    private static String step(String name) {
        return IDENTIFIER.matcher(name).matches() ? "." + name : "[" + IntentCodec.json().createValue(name) + "]";
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case TRUE, FALSE -> "boolean";
            default -> value.getValueType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String show(JsonValue value) {
        return abbreviate(value.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
