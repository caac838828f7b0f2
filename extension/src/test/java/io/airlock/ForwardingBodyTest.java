package io.airlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.ForwardingBody.Insn;
import io.airlock.fixtures.elsewhere.PublicMailer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class-file reader behind {@link TaskIntrospector}'s reading of javac's method-reference bridges. */
class ForwardingBodyTest {

    private static SerializedLambda serialized(Task<?> task) throws Exception {
        Method writeReplace = task.getClass().getDeclaredMethod("writeReplace");
        writeReplace.setAccessible(true);
        return (SerializedLambda) writeReplace.invoke(task);
    }

    private static ForwardingBody.Call read(Task<?> task, ClassLoader loader) throws Exception {
        SerializedLambda lambda = serialized(task);
        return ForwardingBody.read(loader, lambda.getImplClass(), lambda.getImplMethodName(), lambda.getImplMethodSignature(), true);
    }

    @Test
    void readsTheCallOfABridge() throws Exception {
        Task1<PublicMailer, String> task = PublicMailer::send;
        ForwardingBody.Call call = read(task, getClass().getClassLoader());
        assertNotNull(call);
        assertEquals(ForwardingBody.INVOKEVIRTUAL, call.opcode());
        assertEquals("io/airlock/fixtures/elsewhere/PublicMailer", call.owner());
        assertEquals("send", call.name());
        assertEquals("(Ljava/lang/String;)V", call.descriptor());
        assertEquals(true, call.oneToOne());
    }

    @Test
    void aClassFileThatCannotBeReadGivesNull() throws Exception {
        Task1<PublicMailer, String> task = PublicMailer::send;
        ClassLoader none = new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return null;
            }
        };
        assertNull(read(task, none), "no class file");
        byte[] real = getClass().getClassLoader().getResourceAsStream(serialized(task).getImplClass() + ".class").readAllBytes();
        for (int cut : new int[] {0, 3, 10, 200, real.length / 3}) { // before the method's code ends
            byte[] truncated = Arrays.copyOf(real, cut);
            assertNull(read(task, bytes(truncated)), "truncated at " + cut);
        }
        byte[] badTag = real.clone();
        badTag[10] = (byte) 99; // the first constant's tag
        assertNull(read(task, bytes(badTag)), "an unknown constant-pool tag");
        byte[] notAClass = "not a class file".getBytes();
        assertNull(read(task, bytes(notAClass)));
    }

    private static ClassLoader bytes(byte[] content) {
        return new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return new ByteArrayInputStream(content);
            }
        };
    }

    @Test
    void decodesEveryInstructionWithItsLength() {
        byte[] code = {
                0x2a, // aload_0
                0x10, 5, // bipush 5
                0x11, 0x01, 0x00, // sipush 256
                (byte) 0xc4, 0x19, 0x01, 0x02, // wide aload 258
                (byte) 0xc4, (byte) 0x84, 0x00, 0x01, 0x00, 0x02, // wide iinc 1, 2
                0x00, 0x00, 0x00, // nop x3: the tableswitch below starts at 19, its operands at 20
                (byte) 0xaa, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, // tableswitch: pad 0, default, low 1, high 2, two offsets
                (byte) 0xab, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 0, // lookupswitch at 40: pad 3, default, npairs 1, one pair
                (byte) 0xb9, 0, 1, 1, 0, // invokeinterface
                (byte) 0xb1}; // return
        List<Insn> insns = ForwardingBody.decode(code);
        assertEquals(List.of(new Insn(0x19, 0), new Insn(0x10, 5), new Insn(0x11, 256), new Insn(0x19, 258), new Insn(0x84, 0),
                new Insn(0, 0), new Insn(0, 0), new Insn(0, 0), new Insn(0xaa, 0), new Insn(0xab, 0), new Insn(0xb9, 1), new Insn(0xb1, 0)),
                insns);
        assertThrows(RuntimeException.class, () -> ForwardingBody.decode(new byte[] {(byte) 0xca}));
        assertThrows(RuntimeException.class, () -> ForwardingBody.decode(new byte[] {0x11, 0}));
        assertThrows(RuntimeException.class, () -> ForwardingBody.decode(new byte[] {(byte) 0xc4, 0x2a, 0}));
    }

    @Test
    void readsTheParametersOfADescriptor() {
        assertEquals(List.of("I", "J", "Ljava/lang/String;", "[[D", "[Ljava/lang/Object;", "Z"),
                ForwardingBody.parameters("(IJLjava/lang/String;[[D[Ljava/lang/Object;Z)V"));
        assertEquals(List.of(), ForwardingBody.parameters("()Ljava/lang/Object;"));
    }

    @Test
    void boxingHelpersAreConversionsNotCalls() {
        assertEquals(true, ForwardingBody.isConversion(ForwardingBody.INVOKESTATIC, new String[] {"java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;"}));
        assertEquals(false, ForwardingBody.isConversion(ForwardingBody.INVOKESTATIC,
                new String[] {"java/lang/Integer", "valueOf", "(Ljava/lang/String;)Ljava/lang/Integer;"}));
        assertEquals(true, ForwardingBody.isConversion(ForwardingBody.INVOKEVIRTUAL, new String[] {"java/lang/Long", "longValue", "()J"}));
        assertEquals(false, ForwardingBody.isConversion(ForwardingBody.INVOKEVIRTUAL, new String[] {"java/lang/String", "length", "()I"}));
    }
}
