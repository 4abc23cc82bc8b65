package dev.backprop.data;

import java.util.Map;

/**
 * The ranges of the encoded columns over the rows a fit kept, from the summary of them ({@link FitSummary}: the
 * inputs, then the target) without encoding a row, as {@link ColumnRanges#of} would find them on the matrix
 * {@link Preprocessor#apply} encodes: a filled cell counts as its fill value, and a one-hot column ranges over 0 and 1
 * unless every kept row (or none) has its category. So a scaling can be fitted on rows summarised part by part (on a
 * cluster, say) before any of them is encoded.
 */
public final class EncodedRanges {
    private EncodedRanges() {
    }

    /**
     * The encoded inputs' ranges over the kept rows, missing cells counted as their fill values.
     *
     * @param preprocessor the preprocessor fitted from {@code summary}
     * @param summary      the summary of the kept rows' inputs, then target
     * @return one range per encoded input, in {@link FeatureEncoder#outputNames()} order
     */
    public static ColumnRanges inputs(Preprocessor preprocessor, FitSummary summary) {
        FeatureEncoder features = preprocessor.features();
        Imputation imputation = preprocessor.imputation().orElse(null);
        long n = summary.rows();
        Range range = new Range(features.width());
        for (int j = 0; j < features.columns().size(); j++) {
            if (features.types().get(j) == ColumnType.NUMERIC) {
                long missing = n - summary.present(j);
                range.numbers(summary, j, missing > 0 ? imputation.means()[j] : Double.NaN);
            } else {
                Map<String, Long> counts = summary.labelCounts(j);
                long missing = n - counts.values().stream().mapToLong(Long::longValue).sum();
                String fill = missing > 0 ? imputation.modes()[j] : null;
                for (String category : features.categories().get(j)) {
                    range.oneHot(counts.getOrDefault(category, 0L) + (category.equals(fill) ? missing : 0), n);
                }
            }
        }
        return range.toRanges();
    }

    /**
     * The encoded targets' ranges over the kept rows: one per regression target, one per class.
     *
     * @param preprocessor the preprocessor fitted from {@code summary}
     * @param summary      the summary of the kept rows' inputs, then target
     * @return one range per encoded target column
     */
    public static ColumnRanges target(Preprocessor preprocessor, FitSummary summary) {
        TargetEncoder target = preprocessor.target();
        int j = preprocessor.features().columns().size();
        Range range = new Range(target.width());
        if (target.task() == Task.REGRESSION) {
            for (int o = 0; o < target.width(); o++) {
                range.numbers(summary, j + o, Double.NaN);
            }
        } else {
            Map<String, Long> counts = summary.labelCounts(j);
            for (String c : target.classes()) {
                range.oneHot(counts.getOrDefault(c, 0L), summary.rows());
            }
        }
        return range.toRanges();
    }

    /** Ranges filled one encoded column at a time. */
    private static final class Range {
        private final double[] min;
        private final double[] max;
        private final double[] maxAbs;
        private int next;

        Range(int width) {
            min = new double[width];
            max = new double[width];
            maxAbs = new double[width];
        }

        /** Numeric column j: its present values, and {@code fill} (NaN for none) in place of its missing ones. */
        void numbers(FitSummary summary, int j, double fill) {
            double lo = summary.min(j);
            double hi = summary.max(j);
            double abs = summary.maxAbs(j);
            if (!Double.isNaN(fill)) {
                lo = Math.min(lo, fill);
                hi = Math.max(hi, fill);
                abs = Math.max(abs, Math.abs(fill));
            }
            add(lo, hi, abs);
        }

        /** A one-hot column with {@code ones} ones among {@code n} rows. */
        void oneHot(long ones, long n) {
            double hi = ones > 0 ? 1.0 : 0.0;
            add(ones == n ? 1.0 : 0.0, hi, hi);
        }

        private void add(double lo, double hi, double abs) {
            min[next] = lo;
            max[next] = hi;
            maxAbs[next] = abs;
            next++;
        }

        ColumnRanges toRanges() {
            return new ColumnRanges(min, max, maxAbs);
        }
    }
}
