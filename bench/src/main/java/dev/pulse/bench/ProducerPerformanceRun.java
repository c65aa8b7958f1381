package dev.pulse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code org.apache.kafka.tools.ProducerPerformance}, in a JVM of its own as {@code kafka-producer-perf-test}
 * would run it: the yardstick for the producer service and for analytics' catch-up.
 */
final class ProducerPerformanceRun {

    /** The closing summary: "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, ...". */
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency"
                    + ", (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    record Result(long records, double recordsPerSecond, double megabytesPerSecond, double avgLatencyMs,
            long p50LatencyMs, long p99LatencyMs, List<String> producerProps) {
    }

    private ProducerPerformanceRun() {
    }

    static Result run(Path libDir, Path repositoryRoot, Path logFile, String bootstrapServers, String topic,
            long records, int recordSize) throws IOException, InterruptedException {
        List<String> producerProps = List.of("bootstrap.servers=" + bootstrapServers, "acks=all");
        List<String> command = JvmOptions.javaCommand(repositoryRoot, libDir, List.of("-Xmx256m"),
                "org.apache.kafka.tools.ProducerPerformance");
        command.addAll(List.of(
                "--topic", topic,
                "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize),
                "--throughput", "-1",
                "--producer-props"));
        command.addAll(producerProps);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ProducerPerformance did not finish within 3 minutes; see " + logFile);
        }
        String output = Files.readString(logFile, StandardCharsets.UTF_8);
        Matcher summary = SUMMARY.matcher(output);
        Result result = null;
        while (summary.find()) {
            result = new Result(Long.parseLong(summary.group(1)), Double.parseDouble(summary.group(2)),
                    Double.parseDouble(summary.group(3)), Double.parseDouble(summary.group(4)),
                    Long.parseLong(summary.group(6)), Long.parseLong(summary.group(8)), producerProps);
        }
        if (process.exitValue() != 0 || result == null) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + "); see " + logFile);
        }
        return result;
    }
}
