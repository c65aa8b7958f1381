package dev.pulse.sketches;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * What analytics needs of DataSketches that its releases spell differently: sketches read from part of an array
 * without copying it, here through datasketches-memory's {@link Memory}. Everything else analytics uses
 * ({@link HllSketch}, {@link KllDoublesSketch} and their serialized forms) is the same in every release.
 */
public final class DataSketches {

    /** The release in use and the Java versions it runs on, for messages. */
    public static final String RELEASE = "DataSketches 6.1 (runs on Java 17 and 21)";

    private DataSketches() {
    }

    public static HllSketch heapifyHll(byte[] bytes, int offset, int length) {
        return HllSketch.heapify(Memory.wrap(bytes).region(offset, length));
    }

    public static KllDoublesSketch heapifyKll(byte[] bytes, int offset, int length) {
        return KllDoublesSketch.heapify(Memory.wrap(bytes).region(offset, length));
    }
}
