package dev.pulse.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What a run measured: figures beside their targets (PASS/MISS), figures kept for information, and each phase's
 * details, printed as a table and written as JSON.
 */
final class Report {

    /** One figure; {@code pass} is null for a figure without a target. */
    record Figure(String phase, String label, double value, String unit, String target, Boolean pass) {

        String result() {
            return pass == null ? "" : pass ? "PASS" : "MISS";
        }
    }

    private final Instant startedAt = Instant.now();
    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Map<String, Object>> details = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    void environment(String key, Object value) {
        environment.put(key, value);
    }

    void info(String phase, String label, double value, String unit) {
        figures.add(new Figure(phase, label, value, unit, "", null));
    }

    void atLeast(String phase, String label, double value, String unit, double target) {
        figures.add(new Figure(phase, label, value, unit, ">= " + format(target, unit), value >= target));
    }

    void atMost(String phase, String label, double value, String unit, double target) {
        figures.add(new Figure(phase, label, value, unit, "<= " + format(target, unit), value <= target));
    }

    void check(String phase, String label, double value, String unit, String target, boolean pass) {
        figures.add(new Figure(phase, label, value, unit, target, pass));
    }

    void detail(String phase, String key, Object value) {
        details.computeIfAbsent(phase, p -> new LinkedHashMap<>()).put(key, value);
    }

    String loadAverages() {
        return environment.get("loadAverageAtStart") + " at start, " + environment.get("loadAverageAtEnd") + " at end";
    }

    void note(String note) {
        notes.add(note);
    }

    long misses() {
        return figures.stream().filter(f -> Boolean.FALSE.equals(f.pass())).count();
    }

    void print(PrintStream out) {
        String row = "%-12s %-52s %16s  %-14s %s%n";
        out.println();
        out.printf(row, "phase", "figure", "measured", "target", "");
        out.println("-".repeat(104));
        for (Figure f : figures) {
            out.printf(row, f.phase(), f.label(), format(f.value(), f.unit()), f.target(), f.result());
        }
        out.println("-".repeat(104));
        long targets = figures.stream().filter(f -> f.pass() != null).count();
        out.printf("%d of %d targets met%n", targets - misses(), targets);
        notes.forEach(note -> out.println("note: " + note));
    }

    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", startedAt.toString());
        json.put("finishedAt", Instant.now().toString());
        json.put("environment", environment);
        json.put("figures", figures.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", f.phase());
            m.put("figure", f.label());
            m.put("value", Double.isFinite(f.value()) ? round(f.value()) : null);
            m.put("unit", f.unit());
            if (f.pass() != null) {
                m.put("target", f.target());
                m.put("pass", f.pass());
            }
            return m;
        }).toList());
        json.put("details", details);
        json.put("notes", notes);
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), json);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static String format(double value, String unit) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        String number = Math.abs(value) >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.2f", value);
        return unit.isEmpty() ? number : unit.equals("%") ? number + " %" : number + " " + unit;
    }
}
