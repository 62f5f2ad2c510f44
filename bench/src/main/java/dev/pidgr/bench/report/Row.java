package dev.pidgr.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the results: a measured value, and where there is one, the baseline measured in the
 * same run, their ratio (value / baseline) and the target on it (on the value itself when it has no baseline).
 *
 * @param metric        what was measured
 * @param unit          the unit of value and baseline
 * @param value         the measurement
 * @param baseline      the baseline's measurement, or null
 * @param baselineName  what the baseline is, or null
 * @param ratio         value / baseline, or null without a baseline
 * @param target        the target on the ratio (on the value without a baseline), or null
 * @param met           whether the ratio (the value) meets the target, or null without one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Row(String metric, String unit, double value, Double baseline, String baselineName, Double ratio,
                  String target, Boolean met) {

    /** A figure without a baseline. */
    public static Row of(String metric, String unit, double value) {
        return new Row(metric, unit, value, null, null, null, null, null);
    }

    /** A figure with a target on the figure itself (an absolute target, such as a time or a share of a core). */
    public static Row of(String metric, String unit, double value, Target target) {
        return new Row(metric, unit, value, null, null, null, target.toString(), target.metBy(value));
    }

    /** A figure next to its baseline, without a target on the ratio. */
    public static Row against(String metric, String unit, double value, String baselineName, double baseline) {
        return new Row(metric, unit, value, baseline, baselineName, ratio(value, baseline), null, null);
    }

    /** A figure next to its baseline, with a target on the ratio. */
    public static Row against(
            String metric, String unit, double value, String baselineName, double baseline, Target target) {
        Double ratio = ratio(value, baseline);
        return new Row(metric, unit, value, baseline, baselineName, ratio, target.toString(),
                ratio == null ? null : target.metBy(ratio));
    }

    /** value / baseline; null when the baseline is 0 (JSON has no NaN). */
    private static Double ratio(double value, double baseline) {
        return baseline == 0 ? null : value / baseline;
    }
}
