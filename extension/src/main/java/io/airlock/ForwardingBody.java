package io.airlock;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads, from its class file, the body of the synthetic {@code lambda$…} method behind a task, and tells whether it
 * only forwards its parameters to one method: what javac compiles a <em>method reference</em> to when it cannot
 * point a method handle at the method directly (a varargs method called with its arguments spread, a method
 * inherited from a class the call site cannot access, a protected method inherited from a superclass in another
 * package, {@code super::m}, a receiver of intersection type, an array's {@code clone}).
 *
 * <p>A forwarding body loads its parameters, each once and in order (a load, optionally a {@code checkcast}, a boxing
 * or unboxing call such as {@code Integer.valueOf} or {@code intValue}, a widening conversion; trailing parameters
 * may be packed into a new array, as javac does for varargs), makes exactly one {@code invokevirtual},
 * {@code invokeinterface}, {@code invokespecial} or {@code invokestatic}, and returns, discarding or converting the
 * result. Anything else (a constant, a parameter loaded twice or out of order, a second call, arithmetic, a branch)
 * is not a forwarding. javac names the parameters of the methods it generates for method references {@code rec$},
 * {@code x$0}, {@code xva$0}: when the class file keeps the names (its local variable table, {@code javac -g},
 * Maven's default), a method whose parameters have other names is a lambda the programmer wrote, even when it only
 * forwards, and is left a lambda.
 *
 * <p>This is a reader of the class-file format (JVMS chapter 4) for this one question, on JDK 17, which has no
 * class-file API: every constant-pool entry is read, the method is found by name and descriptor, and its code is
 * decoded instruction by instruction with each instruction's length ({@code tableswitch}, {@code lookupswitch} and
 * {@code wide} included). It never throws: a class file it cannot find or read, or code it does not recognise, gives
 * {@code null}, and the task stays what it was taken for before, a lambda.
 */
final class ForwardingBody {

    /**
     * The one call a forwarding body makes.
     *
     * @param opcode {@code invokevirtual}, {@code invokeinterface}, {@code invokespecial} or {@code invokestatic}
     * @param owner the class the instruction names, internal form ({@code a/b/C}, or an array descriptor)
     * @param name the method's name
     * @param descriptor the method's descriptor
     * @param oneToOne whether each argument of the call is one parameter of the body, in order, the receiver first
     *        (false when parameters are packed into an array: a varargs method called with spread arguments)
     * @param packed the number of parameters packed into an array (0 when none is)
     */
    record Call(int opcode, String owner, String name, String descriptor, boolean oneToOne, int packed) {

        boolean isStatic() {
            return opcode == INVOKESTATIC;
        }
    }

    static final int INVOKEVIRTUAL = 0xb6;
    static final int INVOKESPECIAL = 0xb7;
    static final int INVOKESTATIC = 0xb8;
    static final int INVOKEINTERFACE = 0xb9;

    private ForwardingBody() {
    }

    /**
     * The call the method {@code name}{@code descriptor} of {@code internalClassName} forwards its parameters to, or
     * null when it does not only forward them or its class file cannot be read.
     *
     * @param isStatic whether the method is static; an instance method's {@code this} is taken as its first parameter
     */
    static Call read(ClassLoader loader, String internalClassName, String name, String descriptor, boolean isStatic) {
        try {
            Body body = body(loader, internalClassName, name, descriptor);
            return body == null ? null : match(body.code(), body.pool(), descriptor, isStatic, body.names());
        } catch (IOException | RuntimeException e) {
            return null; // not a class file this reader understands: the task stays a lambda
        }
    }

    /** A method's code, the constant pool it refers to, and its parameters' names by slot (null when the file has none). */
    private record Body(byte[] code, Pool pool, List<String> names) {
    }

    // ------------------------------------------------------------------ the class file

    /** The constant pool: the entries this reader uses, by index. */
    static final class Pool {
        final int[] tags;
        final String[] utf8;
        final int[] first;
        final int[] second;

        Pool(int count) {
            tags = new int[count];
            utf8 = new String[count];
            first = new int[count];
            second = new int[count];
        }

        String utf8(int index) {
            if (index <= 0 || index >= tags.length || tags[index] != 1) {
                throw new IllegalArgumentException("constant " + index + " is not a Utf8");
            }
            return utf8[index];
        }

        String className(int index) {
            check(index, 7);
            return utf8(first[index]);
        }

        /** A Methodref or an InterfaceMethodref: owner, name, descriptor. */
        String[] methodRef(int index) {
            if (index <= 0 || index >= tags.length || (tags[index] != 10 && tags[index] != 11)) {
                throw new IllegalArgumentException("constant " + index + " is not a method reference");
            }
            int nameAndType = second[index];
            check(nameAndType, 12);
            return new String[] {className(first[index]), utf8(first[nameAndType]), utf8(second[nameAndType])};
        }

        private void check(int index, int tag) {
            if (index <= 0 || index >= tags.length || tags[index] != tag) {
                throw new IllegalArgumentException("constant " + index + " is not of tag " + tag);
            }
        }
    }

    private static Body body(ClassLoader loader, String internalClassName, String name, String descriptor) throws IOException {
        String resource = internalClassName + ".class";
        byte[] bytes;
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource) : ClassLoader.getSystemResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            bytes = in.readAllBytes();
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            return null;
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        Pool pool = readPool(in);
        in.readUnsignedShort(); // access flags
        in.readUnsignedShort(); // this class
        in.readUnsignedShort(); // super class
        int interfaces = in.readUnsignedShort();
        skipFully(in, 2L * interfaces);
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            skipFully(in, 6);
            skipAttributes(in);
        }
        int methods = in.readUnsignedShort();
        for (int i = 0; i < methods; i++) {
            in.readUnsignedShort(); // access flags
            String methodName = pool.utf8(in.readUnsignedShort());
            String methodDescriptor = pool.utf8(in.readUnsignedShort());
            if (!methodName.equals(name) || !methodDescriptor.equals(descriptor)) {
                skipAttributes(in);
                continue;
            }
            Body body = null;
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = pool.utf8(in.readUnsignedShort());
                long length = in.readInt() & 0xFFFFFFFFL;
                if (!attribute.equals("Code")) {
                    skipFully(in, length);
                    continue;
                }
                in.readUnsignedShort(); // max stack
                in.readUnsignedShort(); // max locals
                int codeLength = in.readInt();
                if (codeLength <= 0 || codeLength > 65535) {
                    return null;
                }
                byte[] code = new byte[codeLength];
                in.readFully(code);
                int handlers = in.readUnsignedShort();
                if (handlers != 0) {
                    return null; // a try block: not a forwarding
                }
                body = new Body(code, pool, parameterNames(in, pool));
            }
            return body;
        }
        return null;
    }

    /** The names the LocalVariableTable of a Code attribute gives slots at offset 0, by slot; null without one. */
    private static List<String> parameterNames(DataInputStream in, Pool pool) throws IOException {
        List<String> names = null;
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String attribute = pool.utf8(in.readUnsignedShort());
            long length = in.readInt() & 0xFFFFFFFFL;
            if (!attribute.equals("LocalVariableTable")) {
                skipFully(in, length);
                continue;
            }
            int entries = in.readUnsignedShort();
            names = names == null ? new ArrayList<>() : names;
            for (int e = 0; e < entries; e++) {
                int start = in.readUnsignedShort();
                in.readUnsignedShort(); // length
                String variable = pool.utf8(in.readUnsignedShort());
                in.readUnsignedShort(); // descriptor
                int slot = in.readUnsignedShort();
                if (start == 0) {
                    while (names.size() <= slot) {
                        names.add(null);
                    }
                    names.set(slot, variable);
                }
            }
        }
        return names;
    }

    private static Pool readPool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        Pool pool = new Pool(count);
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            pool.tags[i] = tag;
            switch (tag) {
                case 1 -> pool.utf8[i] = in.readUTF(); // CONSTANT_Utf8: modified UTF-8, as readUTF reads it
                case 3, 4 -> in.readInt(); // Integer, Float
                case 5, 6 -> { // Long, Double: two entries
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> pool.first[i] = in.readUnsignedShort(); // Class, String, MethodType, Module, Package
                case 9, 10, 11, 12, 17, 18 -> { // Fieldref, Methodref, InterfaceMethodref, NameAndType, Dynamic, InvokeDynamic
                    pool.first[i] = in.readUnsignedShort();
                    pool.second[i] = in.readUnsignedShort();
                }
                case 15 -> { // MethodHandle
                    pool.first[i] = in.readUnsignedByte();
                    pool.second[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        return pool;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            skipFully(in, in.readInt() & 0xFFFFFFFFL);
        }
    }

    private static void skipFully(DataInputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                in.readByte(); // throws EOFException at the end
                skipped = 1;
            }
            n -= skipped;
        }
    }

    // ------------------------------------------------------------------ the code

    /**
     * One decoded instruction: its opcode (the one {@code wide} modifies, for a wide one) and its operand: the local
     * variable of a load or store, the constant-pool index of an invoke, {@code checkcast} or {@code anewarray}, the
     * value of an int constant, the type of {@code newarray}; 0 for the others.
     */
    record Insn(int opcode, int operand) {
    }

    /** Decodes the code into instructions, each with its length; throws on an opcode the JVM does not define. */
    static List<Insn> decode(byte[] code) {
        List<Insn> out = new ArrayList<>();
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xFF;
            int operand = 0;
            int length;
            if (op <= 0x0f) { // nop, aconst_null, iconst_m1..5, lconst, fconst, dconst
                length = 1;
                operand = op >= 0x02 && op <= 0x08 ? op - 0x03 : 0;
            } else if (op == 0x10) { // bipush
                length = 2;
                operand = code[pc + 1];
            } else if (op == 0x11) { // sipush
                length = 3;
                operand = (short) u2(code, pc + 1);
            } else if (op == 0x12) { // ldc
                length = 2;
                operand = code[pc + 1] & 0xFF;
            } else if (op == 0x13 || op == 0x14) { // ldc_w, ldc2_w
                length = 3;
                operand = u2(code, pc + 1);
            } else if (op >= 0x15 && op <= 0x19) { // iload..aload
                length = 2;
                operand = code[pc + 1] & 0xFF;
            } else if (op >= 0x1a && op <= 0x2d) { // iload_0..aload_3: as iload..aload n
                length = 1;
                operand = (op - 0x1a) % 4;
                op = 0x15 + (op - 0x1a) / 4;
            } else if (op >= 0x2e && op <= 0x35) { // xaload
                length = 1;
            } else if (op >= 0x36 && op <= 0x3a) { // istore..astore
                length = 2;
                operand = code[pc + 1] & 0xFF;
            } else if (op >= 0x3b && op <= 0x4e) { // istore_0..astore_3
                length = 1;
                operand = (op - 0x3b) % 4;
                op = 0x36 + (op - 0x3b) / 4;
            } else if (op >= 0x4f && op <= 0x83) { // xastore, stack, arithmetic
                length = 1;
            } else if (op == 0x84) { // iinc
                length = 3;
            } else if (op >= 0x85 && op <= 0x98) { // conversions, comparisons
                length = 1;
            } else if (op >= 0x99 && op <= 0xa8) { // if*, goto, jsr
                length = 3;
            } else if (op == 0xa9) { // ret
                length = 2;
            } else if (op == 0xaa) { // tableswitch
                int base = (pc + 4) & ~3;
                int low = s4(code, base + 4);
                int high = s4(code, base + 8);
                if (high < low) {
                    throw new IllegalArgumentException("tableswitch with high < low at " + pc);
                }
                length = base + 12 + 4 * (high - low + 1) - pc;
            } else if (op == 0xab) { // lookupswitch
                int base = (pc + 4) & ~3;
                int pairs = s4(code, base + 4);
                if (pairs < 0) {
                    throw new IllegalArgumentException("lookupswitch with " + pairs + " pairs at " + pc);
                }
                length = base + 8 + 8 * pairs - pc;
            } else if (op >= 0xac && op <= 0xb1) { // returns
                length = 1;
            } else if (op >= 0xb2 && op <= 0xb8) { // fields, invokevirtual/special/static
                length = 3;
                operand = u2(code, pc + 1);
            } else if (op == 0xb9 || op == 0xba) { // invokeinterface, invokedynamic
                length = 5;
                operand = u2(code, pc + 1);
            } else if (op == 0xbb) { // new
                length = 3;
                operand = u2(code, pc + 1);
            } else if (op == 0xbc) { // newarray
                length = 2;
                operand = code[pc + 1] & 0xFF;
            } else if (op == 0xbd) { // anewarray
                length = 3;
                operand = u2(code, pc + 1);
            } else if (op >= 0xbe && op <= 0xbf) { // arraylength, athrow
                length = 1;
            } else if (op == 0xc0 || op == 0xc1) { // checkcast, instanceof
                length = 3;
                operand = u2(code, pc + 1);
            } else if (op == 0xc2 || op == 0xc3) { // monitorenter, monitorexit
                length = 1;
            } else if (op == 0xc4) { // wide
                int modified = code[pc + 1] & 0xFF;
                if (modified == 0x84) {
                    length = 6;
                } else if ((modified >= 0x15 && modified <= 0x19) || (modified >= 0x36 && modified <= 0x3a) || modified == 0xa9) {
                    length = 4;
                    operand = u2(code, pc + 2);
                } else {
                    throw new IllegalArgumentException("wide " + modified + " at " + pc);
                }
                op = modified;
            } else if (op == 0xc5) { // multianewarray
                length = 4;
            } else if (op == 0xc6 || op == 0xc7) { // ifnull, ifnonnull
                length = 3;
            } else if (op == 0xc8 || op == 0xc9) { // goto_w, jsr_w
                length = 5;
            } else {
                throw new IllegalArgumentException("undefined opcode " + op + " at " + pc);
            }
            if (pc + length > code.length) {
                throw new IllegalArgumentException("instruction at " + pc + " runs past the code's end");
            }
            out.add(new Insn(op, operand));
            pc += length;
        }
        return out;
    }

    private static int u2(byte[] code, int at) {
        return ((code[at] & 0xFF) << 8) | (code[at + 1] & 0xFF);
    }

    private static int s4(byte[] code, int at) {
        return ((code[at] & 0xFF) << 24) | ((code[at + 1] & 0xFF) << 16) | ((code[at + 2] & 0xFF) << 8) | (code[at + 3] & 0xFF);
    }

    // ------------------------------------------------------------------ the match

    /** The parameters of a descriptor, as descriptors ({@code I}, {@code Ljava/lang/String;}, {@code [J}). */
    static List<String> parameters(String descriptor) {
        List<String> out = new ArrayList<>();
        int i = descriptor.indexOf('(') + 1;
        while (descriptor.charAt(i) != ')') {
            int start = i;
            while (descriptor.charAt(i) == '[') {
                i++;
            }
            i = descriptor.charAt(i) == 'L' ? descriptor.indexOf(';', i) + 1 : i + 1;
            out.add(descriptor.substring(start, i));
        }
        return out;
    }

    /** The load opcode for a value of this descriptor: iload, lload, fload, dload or aload. */
    private static int load(String type) {
        return switch (type.charAt(0)) {
            case 'J' -> 0x16;
            case 'F' -> 0x17;
            case 'D' -> 0x18;
            case 'L', '[' -> 0x19;
            default -> 0x15; // Z B C S I
        };
    }

    private static Call match(byte[] bytes, Pool pool, String descriptor, boolean isStatic, List<String> names) {
        List<String> params = new ArrayList<>();
        if (!isStatic) {
            params.add("Ljava/lang/Object;"); // this
        }
        params.addAll(parameters(descriptor));
        int[] slots = new int[params.size()];
        for (int i = 0, slot = 0; i < params.size(); i++) {
            slots[i] = slot;
            slot += params.get(i).equals("J") || params.get(i).equals("D") ? 2 : 1;
        }
        if (names != null && !javacNamed(names, slots, isStatic)) {
            return null;
        }
        Matcher m = new Matcher(decode(bytes), pool, params, slots);
        int produced = 0;
        int packed = 0;
        while (true) {
            if (m.value()) {
                produced++;
            } else {
                int n = m.pack();
                if (n < 0) {
                    break;
                }
                if (packed > 0) {
                    return null; // two arrays: not what javac makes of a method reference
                }
                produced++;
                packed = Math.max(n, 1); // an empty array packs none, but still differs from a one-to-one call
            }
        }
        if (m.next != params.size() || m.pos >= m.code.size()) {
            return null;
        }
        Insn invoke = m.code.get(m.pos++);
        int op = invoke.opcode();
        if (op != INVOKEVIRTUAL && op != INVOKEINTERFACE && op != INVOKESPECIAL && op != INVOKESTATIC) {
            return null;
        }
        String[] target = pool.methodRef(invoke.operand());
        if (isConversion(op, target) || target[1].startsWith("<") || target[1].startsWith("lambda$")) {
            return null;
        }
        int arity = parameters(target[2]).size() + (op == INVOKESTATIC ? 0 : 1);
        if (produced != arity) {
            return null;
        }
        // the result: dropped, or converted and returned
        while (m.pos < m.code.size() && (m.code.get(m.pos).opcode() == 0xc0 || m.conversion(m.code.get(m.pos)))) {
            m.pos++;
        }
        if (m.pos < m.code.size() && (m.code.get(m.pos).opcode() == 0x57 || m.code.get(m.pos).opcode() == 0x58)) { // pop, pop2
            m.pos++;
        }
        if (m.pos != m.code.size() - 1) {
            return null;
        }
        int ret = m.code.get(m.pos).opcode();
        if (ret < 0xac || ret > 0xb1) {
            return null;
        }
        int packedParams = packed == 0 ? 0 : m.packedParams;
        return new Call(op, target[0], target[1], target[2], packed == 0, packedParams);
    }

    /** Whether the parameters' names are those javac gives the methods it makes of method references. */
    private static boolean javacNamed(List<String> names, int[] slots, boolean isStatic) {
        for (int i = isStatic ? 0 : 1; i < slots.length; i++) {
            String name = slots[i] < names.size() ? names.get(slots[i]) : null;
            if (name == null) {
                return false;
            }
            if (!name.equals("rec$") && !name.matches("x(va)?\\$\\d+")) {
                return false;
            }
        }
        return true;
    }

    /** Reads the arguments of the call off the instructions. */
    private static final class Matcher {
        final List<Insn> code;
        final Pool pool;
        final List<String> params;
        final int[] slots;
        int pos;
        int next;
        int packedParams;

        Matcher(List<Insn> code, Pool pool, List<String> params, int[] slots) {
            this.code = code;
            this.pool = pool;
            this.params = params;
            this.slots = slots;
        }

        Insn at(int i) {
            return i < code.size() ? code.get(i) : null;
        }

        /** The next parameter loaded, then converted: true if the instructions at pos are that. */
        boolean value() {
            Insn insn = at(pos);
            if (insn == null || next >= params.size() || insn.opcode() != load(params.get(next)) || insn.operand() != slots[next]) {
                return false;
            }
            pos++;
            next++;
            while (at(pos) != null && (at(pos).opcode() == 0xc0 || conversion(at(pos)))) {
                pos++;
            }
            return true;
        }

        /**
         * A new array filled with the next parameters, each at its index: the number of parameters packed, or -1 if
         * the instructions at pos are not that (pos is then left where it was).
         */
        int pack() {
            int start = pos;
            int startNext = next;
            Insn size = at(pos);
            Insn array = at(pos + 1);
            if (size == null || array == null || !isIntConstant(size) || (array.opcode() != 0xbc && array.opcode() != 0xbd)) {
                return -1;
            }
            int n = size.operand();
            pos += 2;
            for (int i = 0; i < n; i++) {
                Insn dup = at(pos);
                Insn index = at(pos + 1);
                if (dup == null || dup.opcode() != 0x59 || index == null || !isIntConstant(index) || index.operand() != i) {
                    pos = start;
                    next = startNext;
                    return -1;
                }
                pos += 2;
                if (!value()) {
                    pos = start;
                    next = startNext;
                    return -1;
                }
                Insn store = at(pos);
                if (store == null || store.opcode() < 0x4f || store.opcode() > 0x56) { // iastore..sastore
                    pos = start;
                    next = startNext;
                    return -1;
                }
                pos++;
            }
            packedParams += n;
            return n;
        }

        private static boolean isIntConstant(Insn insn) {
            return (insn.opcode() >= 0x02 && insn.opcode() <= 0x08) || insn.opcode() == 0x10 || insn.opcode() == 0x11;
        }

        /** A boxing or unboxing call of a primitive's wrapper, or a widening primitive conversion. */
        boolean conversion(Insn insn) {
            int op = insn.opcode();
            if (op == 0x85 || op == 0x86 || op == 0x87 || op == 0x89 || op == 0x8a || op == 0x8d) { // i2l i2f i2d l2f l2d f2d
                return true;
            }
            if (op != INVOKESTATIC && op != INVOKEVIRTUAL) {
                return false;
            }
            return isConversion(op, pool.methodRef(insn.operand()));
        }
    }

    private static final List<String> WRAPPERS = List.of("java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte",
            "java/lang/Character", "java/lang/Boolean", "java/lang/Float", "java/lang/Double");

    /** {@code Integer.valueOf(int)} and the like, or {@code Integer.intValue()} and the like (any xxxValue of a wrapper). */
    static boolean isConversion(int opcode, String[] method) {
        if (!WRAPPERS.contains(method[0])) {
            return false;
        }
        if (opcode == INVOKESTATIC) {
            return method[1].equals("valueOf") && method[2].length() == method[0].length() + 5 && method[2].charAt(2) == ')'
                    && "ZBCSIJFD".indexOf(method[2].charAt(1)) >= 0 && method[2].equals("(" + method[2].charAt(1) + ")L" + method[0] + ";");
        }
        return opcode == INVOKEVIRTUAL && method[1].endsWith("Value") && method[2].startsWith("()") && method[2].length() == 3;
    }
}
