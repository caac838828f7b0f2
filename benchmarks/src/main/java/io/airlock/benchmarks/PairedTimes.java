package io.airlock.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The times of work measured side by side in one benchmark operation: several variants, each timed with
 * {@link System#nanoTime()} in every operation, kept per measured iteration as each variant's mean and median (in
 * microseconds), printed as each iteration ends and written at the end of the fork to
 * {@code paired-NAME-PID.json} in the directory named by {@code -Dbench.out} (default {@code benchmarks/target}),
 * which {@code benchmarks/paired.py} reads.
 */
public final class PairedTimes {

    private final String[] names;
    private long[][] nanos;
    private int count;
    private boolean measuring;
    private final List<double[]> iterations = new ArrayList<>();

    /** @param names the variants, in the order their times are given */
    public PairedTimes(String... names) {
        this.names = names.clone();
        this.nanos = new long[names.length][1 << 14];
    }

    public int variants() {
        return names.length;
    }

    /** A new iteration: measured (kept) or warm-up (dropped). */
    public void startIteration(boolean measured) {
        measuring = measured;
        count = 0;
    }

    /** The times of one operation, one per variant, in nanoseconds. */
    public void add(long... times) {
        if (count == nanos[0].length) {
            for (int which = 0; which < names.length; which++) {
                nanos[which] = Arrays.copyOf(nanos[which], count * 2);
            }
        }
        for (int which = 0; which < names.length; which++) {
            nanos[which][count] = times[which];
        }
        count++;
    }

    /**
     * Ends the iteration: when measured, keeps and returns each variant's mean and median in microseconds, then the
     * number of operations; else null.
     */
    public double[] endIteration(String label) {
        if (!measuring || count == 0) {
            return null;
        }
        double[] row = new double[2 * names.length + 1];
        StringBuilder line = new StringBuilder("paired ").append(label).append(':');
        for (int which = 0; which < names.length; which++) {
            long[] times = Arrays.copyOf(nanos[which], count);
            double sum = 0;
            for (long t : times) {
                sum += t;
            }
            Arrays.sort(times);
            row[2 * which] = sum / count / 1000.0;
            row[2 * which + 1] = times[count / 2] / 1000.0;
            line.append(String.format(Locale.ROOT, " %s %.3f (median %.3f)", names[which], row[2 * which], row[2 * which + 1]));
        }
        row[2 * names.length] = count;
        iterations.add(row);
        System.out.println(line.append(String.format(Locale.ROOT, " us, %d operations", count)));
        return row;
    }

    /** Writes the measured iterations, with {@code facts} (the benchmark's parameters) naming the file and the group. */
    public void write(String kind, Map<String, String> facts) {
        List<String> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(name + ".mean");
            columns.add(name + ".median");
        }
        columns.add("operations");
        write(kind, facts, columns, iterations);
    }

    /**
     * Writes {@code rows} (one per measured iteration or operation, a value per column) to
     * {@code paired-KIND-FACTS-PID.json} in {@code -Dbench.out} (default {@code benchmarks/target}).
     */
    public static void write(String kind, Map<String, String> facts, List<String> columns, List<double[]> rows) {
        StringBuilder json = new StringBuilder("{\"kind\": \"").append(kind).append('"');
        StringBuilder file = new StringBuilder("paired-").append(kind);
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            json.append(", \"").append(fact.getKey()).append("\": \"").append(fact.getValue()).append('"');
            file.append('-').append(fact.getValue());
        }
        json.append(", \"columns\": [");
        for (int i = 0; i < columns.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(columns.get(i)).append('"');
        }
        json.append("], \"iterations\": [");
        for (int i = 0; i < rows.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(Arrays.toString(rows.get(i)));
        }
        json.append("]}\n");
        Path dir = Path.of(System.getProperty("bench.out", "benchmarks/target"));
        try {
            Files.createDirectories(dir);
            Path path = dir.resolve(file.append('-').append(ProcessHandle.current().pid()).append(".json").toString());
            Files.writeString(path, json);
            System.out.println("paired: written to " + path.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
