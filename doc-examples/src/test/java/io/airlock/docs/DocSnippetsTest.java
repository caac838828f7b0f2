package io.airlock.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the docs honest: every {@code ```java} block of README.md and docs/*.md must be preceded by a marker
 * {@code <!-- snippet: File#tag -->} and equal the region of {@code File.java} (under src/test/java) between
 * {@code // tag::tag[]} and {@code // end::tag[]}, after stripping common indentation and trailing whitespace.
 * A tag may span several regions of one file; they are joined in order (as AsciiDoc's include does), which lets
 * a test keep its assertions out of the snippet.
 */
class DocSnippetsTest {

    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*([\\w$]+)#([\\w-]+)\\s*-->");
    private static final Pattern TAG = Pattern.compile("^\\s*//\\s*(tag|end)::([\\w-]+)\\[]\\s*$");

    private static final List<String> GUIDES = List.of("getting-started.md", "core-model.md", "nesting.md", "dispatch-guide.md",
            "custom-executors.md", "custom-policies.md", "custom-scopes.md", "jakarta-ee.md", "testing.md", "alternatives.md",
            "migrating-from-python.md");

    private final Path root = Path.of(System.getProperty("doc-examples.root", "..")).toAbsolutePath().normalize();
    private final Path sources = root.resolve("doc-examples/src/test/java");

    record Block(Path file, int line, String marker, String file0, String tag, List<String> lines) {
    }

    @Test
    void everyJavaBlockIsATaggedRegionOfATestSource() throws IOException {
        Map<String, Path> javaFiles = javaFiles();
        List<Block> blocks = blocks();
        List<String> problems = new ArrayList<>();
        for (Block block : blocks) {
            String where = root.relativize(block.file()) + ":" + block.line();
            if (block.marker() == null) {
                problems.add(where + ": a ```java block without a <!-- snippet: File#tag --> marker line before it");
                continue;
            }
            Path source = javaFiles.get(block.file0());
            if (source == null) {
                problems.add(where + ": snippet " + block.marker() + " names " + block.file0() + ".java, which is not under " + root.relativize(sources));
                continue;
            }
            List<String> region = region(source, block.tag());
            if (region == null) {
                problems.add(where + ": snippet " + block.marker() + ": no // tag::" + block.tag() + "[] in " + root.relativize(source));
                continue;
            }
            String difference = firstDifference(normalise(block.lines()), normalise(region));
            if (difference != null) {
                problems.add(where + ": snippet " + block.marker() + " differs from " + root.relativize(source) + ": " + difference);
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " doc snippet problem(s):\n  " + String.join("\n  ", problems));
        }
        assertFalse(blocks.isEmpty(), "no ```java blocks found under " + root);
        System.out.println("DocSnippetsTest: " + blocks.size() + " Java snippets checked in " + markdownFiles().size() + " Markdown files");
    }

    @Test
    void theGuidesAreLinkedFromTheReadme() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        for (String guide : GUIDES) {
            assertTrue(Files.exists(root.resolve("docs").resolve(guide)), "docs/" + guide + " is missing");
            assertTrue(readme.contains("(docs/" + guide + ")"), "README.md does not link docs/" + guide);
        }
    }

    @Test
    void theCheckerItselfCatchesADifference() {
        assertTrue(firstDifference(normalise(List.of("  a();", "  b();  ")), normalise(List.of("a();", "b();"))) == null);
        String d = firstDifference(normalise(List.of("a();", "b();")), normalise(List.of("a();", "c();")));
        assertTrue(d != null && d.contains("line 2") && d.contains("b();") && d.contains("c();"), d);
        assertTrue(firstDifference(normalise(List.of("a();")), normalise(List.of("a();", "b();"))).contains("line 2"));
    }

    // ------------------------------------------------------------------------------------------ reading

    private List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    private Map<String, Path> javaFiles() throws IOException {
        Map<String, Path> files = new HashMap<>();
        try (Stream<Path> all = Files.walk(sources)) {
            for (Path p : all.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                String name = p.getFileName().toString().replaceFirst("\\.java$", "");
                Path previous = files.put(name, p);
                if (previous != null) {
                    fail("Two doc sources named " + name + ".java (" + previous + ", " + p + "); snippet markers name files by their simple name.");
                }
            }
        }
        return files;
    }

    private List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path md : markdownFiles()) {
            List<String> lines = Files.readAllLines(md);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```java")) {
                    continue;
                }
                Matcher m = null;
                for (int j = i - 1; j >= 0; j--) {
                    if (!lines.get(j).isBlank()) {
                        Matcher candidate = MARKER.matcher(lines.get(j).strip());
                        m = candidate.matches() ? candidate : null;
                        break;
                    }
                }
                List<String> body = new ArrayList<>();
                int j = i + 1;
                while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                    body.add(lines.get(j));
                    j++;
                }
                blocks.add(new Block(md, i + 1, m == null ? null : m.group(1) + "#" + m.group(2), m == null ? null : m.group(1),
                        m == null ? null : m.group(2), body));
                i = j;
            }
        }
        return blocks;
    }

    /** The lines of every region tagged {@code tag}, joined in order; null if the tag does not occur. */
    static List<String> region(Path source, String tag) {
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> region = null;
        boolean inside = false;
        for (String line : lines) {
            Matcher m = TAG.matcher(line);
            if (m.matches()) {
                if (m.group(2).equals(tag)) {
                    inside = m.group(1).equals("tag");
                    if (inside && region == null) {
                        region = new ArrayList<>();
                    }
                }
                continue; // other tags' markers never show
            }
            if (inside) {
                region.add(line);
            }
        }
        if (inside) {
            fail("// tag::" + tag + "[] in " + source + " has no // end::" + tag + "[]");
        }
        return region;
    }

    /** Trailing whitespace and leading/trailing blank lines removed, common indentation stripped. */
    static List<String> normalise(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.stripTrailing());
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        int indent = out.stream().filter(l -> !l.isEmpty()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> result = new ArrayList<>();
        for (String l : out) {
            result.add(l.isEmpty() ? l : l.substring(indent));
        }
        return result;
    }

    /** Null when equal, else the first differing line, shown both ways. */
    static String firstDifference(List<String> doc, List<String> code) {
        for (int i = 0; i < Math.max(doc.size(), code.size()); i++) {
            String d = i < doc.size() ? doc.get(i) : "<end of snippet>";
            String c = i < code.size() ? code.get(i) : "<end of tagged region>";
            if (!d.equals(c)) {
                return "line " + (i + 1) + " of the snippet is\n      [" + d + "]\n    but the tagged region has\n      [" + c + "]";
            }
        }
        return null;
    }
}
