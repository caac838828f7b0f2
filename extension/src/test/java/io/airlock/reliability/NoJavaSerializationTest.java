package io.airlock.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Java deserialization anywhere in airlock's shipped code: no class refers to ObjectInputStream, to the
 * JMS ObjectMessage, or to the reading side of serialization. Checked on the compiled classes (the constant
 * pool names every class and method a class uses), so no way of writing it in source escapes.
 */
class NoJavaSerializationTest {

    private static final List<String> FORBIDDEN = List.of("java/io/ObjectInputStream", "jakarta/jms/ObjectMessage", "createObjectMessage",
            "java/beans/XMLDecoder");
    private static final List<String> FORBIDDEN_IN_SOURCE = List.of("ObjectInputStream", "ObjectMessage", "XMLDecoder");

    @Test
    void noShippedClassReadsJavaSerialization() throws IOException {
        Path root = Paths.get(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath().normalize();
        List<Path> classDirs = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(m -> m.resolve("target/classes")).filter(Files::isDirectory).forEach(classDirs::add);
        }
        Path own = Paths.get("target/classes").toAbsolutePath().normalize();
        if (!classDirs.contains(own)) {
            classDirs.add(own);
        }
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (Path dir : classDirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    scanned++;
                    String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (String forbidden : FORBIDDEN) {
                        if (constantPool.contains(forbidden)) {
                            offenders.add(root.relativize(file) + " uses " + forbidden);
                        }
                    }
                }
            }
        }
        // Modules later in the build are not compiled yet when this runs on a clean build: read their sources too.
        int sources = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
                    && !f.toString().contains("/target/"))::iterator) {
                sources++;
                String source = Files.readString(file);
                for (String forbidden : FORBIDDEN_IN_SOURCE) {
                    if (source.contains(forbidden)) {
                        offenders.add(root.relativize(file) + " mentions " + forbidden);
                    }
                }
            }
        }
        System.out.printf("serialization: %d compiled classes and %d main source files scanned, %d use Java deserialization%n", scanned, sources,
                offenders.size());
        assertTrue(scanned > 50, "found the compiled classes: " + classDirs);
        assertEquals(List.of(), offenders);
    }
}
