package io.airlock.it.telemetry.otlp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the protobuf wire format to read OTLP export requests: a message is a list of fields, each
 * a number and a value (a varint, a 64- or 32-bit word, or bytes that may be a nested message).
 */
final class Protobuf {

    record Field(int number, long number64, byte[] bytes) {

        Message message() {
            return Protobuf.parse(bytes);
        }

        String string() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        String hex() {
            return java.util.HexFormat.of().formatHex(bytes);
        }

        double asDouble() {
            return Double.longBitsToDouble(number64);
        }
    }

    record Message(List<Field> fields) {

        List<Field> all(int number) {
            return fields.stream().filter(f -> f.number() == number).toList();
        }

        List<Message> messages(int number) {
            return all(number).stream().map(Field::message).toList();
        }

        java.util.Optional<Field> first(int number) {
            return fields.stream().filter(f -> f.number() == number).findFirst();
        }

        String string(int number) {
            return first(number).map(Field::string).orElse("");
        }

        String hex(int number) {
            return first(number).map(Field::hex).orElse("");
        }
    }

    private Protobuf() {
    }

    static Message parse(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        List<Field> fields = new ArrayList<>();
        while (in.hasRemaining()) {
            long key = varint(in);
            int number = (int) (key >>> 3);
            switch ((int) (key & 7)) {
                case 0 -> fields.add(new Field(number, varint(in), null));
                case 1 -> fields.add(new Field(number, in.getLong(), null));
                case 2 -> {
                    byte[] bytes = new byte[(int) varint(in)];
                    in.get(bytes);
                    fields.add(new Field(number, 0, bytes));
                }
                case 5 -> fields.add(new Field(number, in.getInt(), null));
                default -> throw new IllegalArgumentException("wire type " + (key & 7) + " of field " + number);
            }
        }
        return new Message(fields);
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
