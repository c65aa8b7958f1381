package dev.pulse.sketches;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/** The union of HLL sketches: DataSketches 6 calls it {@link Union}. */
public final class HllUnion {

    private final Union union;

    public HllUnion(int lgMaxK) {
        union = new Union(lgMaxK);
    }

    public void update(HllSketch sketch) {
        union.update(sketch);
    }

    public double getEstimate() {
        return union.getEstimate();
    }

    public HllSketch getResult(TgtHllType type) {
        return union.getResult(type);
    }
}
