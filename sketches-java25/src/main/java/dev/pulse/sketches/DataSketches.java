package dev.pulse.sketches;

import java.lang.foreign.MemorySegment;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * What analytics needs of DataSketches that its releases spell differently: sketches read from part of an array
 * without copying it, here through a {@link MemorySegment}. Everything else analytics uses ({@link HllSketch},
 * {@link KllDoublesSketch} and their serialized forms) is the same in every release.
 */
public final class DataSketches {

    /** The release in use and the Java versions it runs on, for messages. */
    public static final String RELEASE = "DataSketches 9.0 (runs on Java 25)";

    private DataSketches() {
    }

    public static HllSketch heapifyHll(byte[] bytes, int offset, int length) {
        return HllSketch.heapify(MemorySegment.ofArray(bytes).asSlice(offset, length));
    }

    public static KllDoublesSketch heapifyKll(byte[] bytes, int offset, int length) {
        return KllDoublesSketch.heapify(MemorySegment.ofArray(bytes).asSlice(offset, length));
    }
}
