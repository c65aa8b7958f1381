package dev.pulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory and CPU of a process as Linux reports them in {@code /proc/<pid>}. */
final class ProcStats {

    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every Linux architecture Java runs on. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;
    /** The figure of {@link #ownCpuSeconds()}: the other side of the two cores the services run on. */
    static final String OWN_CPU = "broker and load generator CPU (of one core)";

    private ProcStats() {
    }

    /** Resident set size in MB (VmRSS). */
    static double rssMb(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("No VmRSS for process " + pid);
    }

    /** CPU seconds of the bench's own JVM: the broker and the load generators. */
    static double ownCpuSeconds() {
        return cpuSeconds(ProcessHandle.current().pid());
    }

    /** CPU time used so far (user + system), in seconds. */
    static double cpuSeconds(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / CLOCK_TICKS_PER_SECOND;
    }

    /** The soft limit on open files of this process (children inherit it). */
    static long openFilesLimit() {
        for (String line : read(Path.of("/proc/self/limits")).split("\n")) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return -1;
    }

    static String loadAverage() {
        String[] fields = read(Path.of("/proc/loadavg")).trim().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
