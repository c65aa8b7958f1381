package dev.pulse.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

final class Latencies {

    private Latencies() {
    }

    /** Count, mean and percentiles of a histogram, divided by {@code unit} (e.g. 1000 for µs recorded, ms shown). */
    static Map<String, Object> summary(Histogram histogram, double unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", histogram.getTotalCount());
        if (histogram.getTotalCount() == 0) {
            return m;
        }
        m.put("mean", Report.round(histogram.getMean() / unit));
        for (double p : new double[] { 50, 90, 99, 99.9 }) {
            m.put("p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)),
                    Report.round(histogram.getValueAtPercentile(p) / unit));
        }
        m.put("max", Report.round(histogram.getMaxValue() / unit));
        return m;
    }
}
