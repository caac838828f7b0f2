package io.airlock.sample;

import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Input the shop refuses (400): the message says what is wrong with each field and what to enter instead. */
public class InvalidInputException extends BadRequestException {

    private final List<String> fields;

    InvalidInputException(String message, List<String> fields) {
        super(message);
        this.fields = List.copyOf(fields);
    }

    /** The fields to correct, e.g. {@code customer}, {@code email}. */
    public List<String> fields() {
        return fields;
    }

    /** Collects what is wrong with a request's fields, then throws one exception naming all of them. */
    static final class Check {
        static final int MAX_LENGTH = 100;
        private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

        private final List<String> problems = new ArrayList<>();
        private final List<String> fields = new ArrayList<>();
        private String where = "";

        /** Prefixes the next problems, e.g. with {@code line 2: }. */
        Check at(String where) {
            this.where = where;
            return this;
        }

        /** The value, stripped; a problem when it is missing, blank or too long. */
        String text(String field, String value, String example) {
            String v = value == null ? "" : value.strip();
            if (value == null) {
                problem(field, field + " is missing: enter one, e.g. " + example);
            } else if (v.isEmpty()) {
                problem(field, field + " is empty: enter one, e.g. " + example);
            } else if (v.length() > MAX_LENGTH) {
                problem(field, field + " has " + v.length() + " characters: at most " + MAX_LENGTH);
            }
            return v;
        }

        /** An email address: a non-empty text with one {@code @} and a dot in its domain. */
        String email(String field, String value) {
            String v = text(field, value, "ada@example.com");
            if (!v.isEmpty() && v.length() <= MAX_LENGTH && !EMAIL.matcher(v).matches()) {
                problem(field, field + " \"" + v + "\" is not an email address: enter one like ada@example.com");
            }
            return v;
        }

        /** One of the allowed values. */
        String oneOf(String field, String value, List<String> allowed) {
            if (!allowed.contains(value)) {
                problem(field, field + " \"" + value + "\" is not one of " + String.join(", ", allowed));
            }
            return value;
        }

        void problem(String field, String problem) {
            problems.add(where + problem);
            if (!fields.contains(field)) {
                fields.add(field);
            }
        }

        /** Throws when anything was wrong. */
        void orThrow() {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(String.join("; ", problems) + ".", fields);
            }
        }
    }
}
