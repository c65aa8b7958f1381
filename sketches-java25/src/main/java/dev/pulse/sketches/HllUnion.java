package dev.pulse.sketches;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/** The union of HLL sketches: DataSketches 9's {@link org.apache.datasketches.hll.HllUnion}, under the same name. */
public final class HllUnion {

    private final org.apache.datasketches.hll.HllUnion union;

    public HllUnion(int lgMaxK) {
        union = new org.apache.datasketches.hll.HllUnion(lgMaxK);
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
