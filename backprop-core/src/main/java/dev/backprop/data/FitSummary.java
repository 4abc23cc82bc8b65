package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@link Preprocessor#fit} reads from the rows it keeps, per column: for a column used as numbers, how many
 * values are present, their sum, min, max and max |x|; for a column used as labels, how often each label occurs, in
 * order of first appearance. {@link #of(Iterator, List, List)} summarises rows a block at a time; the summaries of
 * consecutive parts of the rows combine with {@link #merge}. So a summary can be built part by part (on a cluster,
 * say) and the preprocessor fitted from it ({@link Preprocessor#fit(FitSummary, PreprocessConfig, String)}), as
 * {@link Preprocessor#fit(Frame, PreprocessConfig)} fits one from the summary of its frame. Immutable once built.
 *
 * <p>Sums are added in row order, so a summary built block by block gives the sequential sum and mean exactly;
 * merged summaries add their parts' sums, which differs from the sequential sum only by rounding. Counts, extremes,
 * labels and the categories built from them do not depend on how the rows were split. Serializable, so that a
 * distributed engine can ship summaries between machines running the same version (the serialized form is no storage
 * format).
 *
 * @serial exclude
 */
public final class FitSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    /** 2⁻⁶⁴: at most 2⁶³ values of at most 2¹⁰²⁴ sum to at most 2¹⁰²³ once scaled by it. */
    private static final double SMALL = 0x1p-64;

    private final ArrayList<String> columns;
    private final ArrayList<ColumnType> types;
    private long rows;
    private final long[] count;
    private final double[] sum;
    /**
     * The sum again, of the values times {@link #SMALL}: it cannot overflow, so the mean falls back on it when
     * {@link #sum} does (twenty values of 1.7e308 average 1.7e308, though they add up past a double).
     */
    private final double[] smallSum;
    private final double[] min;
    private final double[] max;
    private final double[] maxAbs;
    private final ArrayList<LinkedHashMap<String, Long>> labels;

    private FitSummary(List<String> columns, List<ColumnType> types, long rows) {
        int m = columns.size();
        this.columns = new ArrayList<>(columns);
        this.types = new ArrayList<>(types);
        this.rows = rows;
        count = new long[m];
        sum = new double[m];
        smallSum = new double[m];
        min = new double[m];
        max = new double[m];
        maxAbs = new double[m];
        labels = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            labels.add(new LinkedHashMap<>());
            min[j] = Double.POSITIVE_INFINITY;
            max[j] = Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * The summary of no rows, what {@link #merge} starts from.
     *
     * @param columns the columns summarised
     * @param types   how each column is used: as numbers or as labels
     * @return the empty summary
     */
    public static FitSummary empty(List<String> columns, List<ColumnType> types) {
        if (columns.size() != types.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + types.size() + " types");
        }
        return new FitSummary(columns, types, 0);
    }

    /**
     * The summary of every row of {@code frame}, missing cells left out.
     *
     * @param frame   the rows; not modified
     * @param columns the columns to summarise, which {@code frame} has
     * @param types   how each column is used: a numeric one's values (a categorical column's labels parsed), a
     *                categorical one's labels (a numeric column's values labelled)
     * @return the summary
     * @throws InvalidDataException if a column used as numbers holds a label that is not a number
     */
    public static FitSummary of(Frame frame, List<String> columns, List<ColumnType> types) {
        return of(List.of(frame).iterator(), columns, types);
    }

    /**
     * The summary of the rows of {@code blocks}, one block after another, each value added to the running sums in row
     * order: equal, bit for bit, to the summary of all the blocks' rows at once. One summary takes in every block (a
     * partition read a block at a time), so its label counts are never copied.
     *
     * @param blocks  the rows, in order; each block has the summarised columns and is not modified
     * @param columns the columns to summarise
     * @param types   how each column is used, as for {@link #of(Frame, List, List)}
     * @return the summary
     * @throws InvalidDataException if a column used as numbers holds a label that is not a number
     */
    public static FitSummary of(Iterator<Frame> blocks, List<String> columns, List<ColumnType> types) {
        FitSummary summary = empty(columns, types);
        while (blocks.hasNext()) {
            Frame frame = blocks.next();
            summary.rows += frame.rows();
            for (int j = 0; j < columns.size(); j++) {
                Column column = frame.column(columns.get(j));
                if (types.get(j) == ColumnType.NUMERIC) {
                    summary.addNumbers(j, Columns.numeric(column, frame));
                } else {
                    summary.addLabels(j, column.toCategorical());
                }
            }
        }
        return summary;
    }

    private void copy(int j, FitSummary from) {
        count[j] = from.count[j];
        sum[j] = from.sum[j];
        smallSum[j] = from.smallSum[j];
        min[j] = from.min[j];
        max[j] = from.max[j];
        maxAbs[j] = from.maxAbs[j];
        labels.get(j).putAll(from.labels.get(j));
    }

    private void addNumbers(int j, double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                count[j]++;
                sum[j] += v;
                smallSum[j] += v * SMALL;
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
                maxAbs[j] = Math.max(maxAbs[j], Math.abs(v));
            }
        }
    }

    private void addLabels(int j, CategoricalColumn column) {
        long[] counts = new long[column.levels().size()];
        for (int code : column.rawCodes()) {
            if (code >= 0) {
                counts[code]++;
            }
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                labels.get(j).merge(column.levels().get(c), counts[c], Long::sum);
            }
        }
    }

    /**
     * This summary's rows followed by {@code later}'s: counts and sums added (this one's sum first), extremes
     * combined, labels counted together, this one's first.
     *
     * @param later the summary of the rows after these, over the same columns used the same way
     * @return the combined summary; neither input is modified
     * @throws IllegalArgumentException if the columns or their uses differ
     */
    public FitSummary merge(FitSummary later) {
        if (!columns.equals(later.columns) || !types.equals(later.types)) {
            throw new IllegalArgumentException("cannot merge summaries of " + columns + " and " + later.columns);
        }
        FitSummary merged = new FitSummary(columns, types, rows + later.rows);
        for (int j = 0; j < columns.size(); j++) {
            merged.copy(j, this);
            merged.count[j] += later.count[j];
            merged.sum[j] += later.sum[j];
            merged.smallSum[j] += later.smallSum[j];
            merged.min[j] = Math.min(merged.min[j], later.min[j]);
            merged.max[j] = Math.max(merged.max[j], later.max[j]);
            merged.maxAbs[j] = Math.max(merged.maxAbs[j], later.maxAbs[j]);
            Map<String, Long> counts = merged.labels.get(j);
            later.labels.get(j).forEach((label, n) -> counts.merge(label, n, Long::sum));
        }
        return merged;
    }

    /**
     * The columns summarised, in order.
     *
     * @return a new list
     */
    public List<String> columns() {
        return new ArrayList<>(columns);
    }

    /**
     * How each column is used.
     *
     * @return a new list, one type per column
     */
    public List<ColumnType> types() {
        return new ArrayList<>(types);
    }

    /**
     * The number of rows summarised.
     *
     * @return n ≥ 0
     */
    public long rows() {
        return rows;
    }

    /**
     * How many values of column {@code j} are present.
     *
     * @param j a column used as numbers
     * @return the count, ≤ {@link #rows()}
     */
    public long present(int j) {
        return count[j];
    }

    /**
     * The sum of column {@code j}'s present values.
     *
     * @param j a column used as numbers
     * @return the sum, 0 if none is present
     */
    public double sum(int j) {
        return sum[j];
    }

    /**
     * The smallest present value of column {@code j}.
     *
     * @param j a column used as numbers
     * @return the minimum, +∞ if none is present
     */
    public double min(int j) {
        return min[j];
    }

    /**
     * The largest present value of column {@code j}.
     *
     * @param j a column used as numbers
     * @return the maximum, −∞ if none is present
     */
    public double max(int j) {
        return max[j];
    }

    /**
     * The largest |x| over column {@code j}'s present values.
     *
     * @param j a column used as numbers
     * @return the maximum, 0 if none is present
     */
    public double maxAbs(int j) {
        return maxAbs[j];
    }

    /**
     * How often each label of column {@code j} occurs.
     *
     * @param j a column used as labels
     * @return a new map in order of first appearance, without missing cells
     */
    public Map<String, Long> labelCounts(int j) {
        return new LinkedHashMap<>(labels.get(j));
    }

    /** The labels of column {@code j} present, in the category order. */
    List<String> categories(int j) {
        TreeSet<String> sorted = new TreeSet<>(CategoryOrder.LABELS);
        sorted.addAll(labels.get(j).keySet());
        return List.copyOf(sorted);
    }

    /**
     * The mean of column {@code j}'s present values, NaN if there is none; from the scaled sum, kept within the
     * column's extremes, when the plain sum overflowed.
     */
    double mean(int j) {
        if (count[j] == 0) {
            return Double.NaN;
        }
        double mean = sum[j] / count[j];
        if (Double.isFinite(mean)) {
            return mean;
        }
        return Math.min(max[j], Math.max(min[j], smallSum[j] / count[j] / SMALL));
    }

    /** Column {@code j}'s most frequent label, ties to the first in the category order; null if there is none. */
    String mode(int j) {
        String best = null;
        long bestCount = 0;
        for (Map.Entry<String, Long> e : labels.get(j).entrySet()) {
            long n = e.getValue();
            if (n > bestCount || n == bestCount && CategoryOrder.LABELS.compare(e.getKey(), best) < 0) {
                best = e.getKey();
                bestCount = n;
            }
        }
        return best;
    }
}
