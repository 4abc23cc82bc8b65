package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.MemoryBudget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@link FeatureEncoder} applied to a frame: numeric columns copied, categorical ones one-hot, into one
 * rows x width matrix whose size is checked against the memory budget first.
 */
final class OneHotEncoding {
    /** Rows copied per tile: a tile of 512 rows of 32 inputs is 128 KB. */
    private static final int TILE = 512;

    private OneHotEncoding() {
    }

    /** {@link FeatureEncoder#encode(Frame, MemoryBudget)}. */
    static EncodedFeatures encode(FeatureEncoder encoder, Frame frame, MemoryBudget budget) {
        List<String> columns = encoder.columns();
        frame.requireColumns(columns);
        MissingValues.requireNone(frame, columns, FeatureEncoder.HINT);
        int n = frame.rows();
        int width = encoder.width();
        long cells = MemoryBudget.times(n, width);
        String wide = wideColumns(encoder);
        String what = (wide.isEmpty() ? "encoding " : wide + ": one-hot encoding ") + MemoryBudget.count(n)
                + " rows x " + MemoryBudget.count(width) + " inputs";
        budget.require(MemoryBudget.doubles(cells), what, "", "leave out (ignore) columns with many distinct values");
        double[] x = new double[MemoryBudget.arrayLength(cells, what)];
        Map<String, Integer> unseen = new LinkedHashMap<>();
        List<double[]> numbers = new ArrayList<>();
        IntList numberOffsets = new IntList();
        int offset = 0;
        for (int j = 0; j < columns.size(); j++) {
            Column column = frame.column(columns.get(j));
            if (encoder.types().get(j) == ColumnType.NUMERIC) {
                numbers.add(Columns.numeric(column, frame));
                numberOffsets.add(offset);
                offset++;
            } else {
                List<String> categories = encoder.categories().get(j);
                int count = oneHot(column.toCategorical(), categories, offset, width, x);
                if (count > 0) {
                    unseen.put(column.name(), count);
                }
                offset += categories.size();
            }
        }
        copyColumns(numbers, numberOffsets.toArray(), width, x);
        return new EncodedFeatures(Matrix.wrapReleasable(n, width, x), unseen);
    }

    /**
     * x[i, offsets[c]] = columns[c][i] for every row i, a tile of {@link #TILE} rows at a time: copying a column at a
     * time would stride through the whole matrix once per column, a tile stays in the cache while its columns land.
     */
    private static void copyColumns(List<double[]> columns, int[] offsets, int width, double[] x) {
        int n = columns.isEmpty() ? 0 : columns.get(0).length;
        for (int start = 0; start < n; start += TILE) {
            int end = Math.min(n, start + TILE);
            for (int c = 0; c < offsets.length; c++) {
                double[] values = columns.get(c);
                int at = start * width + offsets[c];
                for (int i = start; i < end; i++, at += width) {
                    x[at] = values[i];
                }
            }
        }
    }

    /** {@link FeatureEncoder#wideColumns()}. */
    static String wideColumns(FeatureEncoder encoder) {
        List<List<String>> categories = encoder.categories();
        int width = encoder.width();
        List<Integer> wide = new ArrayList<>();
        for (int j = 0; j < categories.size(); j++) {
            if (encoder.types().get(j) == ColumnType.CATEGORICAL) {
                wide.add(j);
            }
        }
        wide.sort((a, b) -> Integer.compare(categories.get(b).size(), categories.get(a).size()));
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < Math.min(3, wide.size()); c++) {
            int size = categories.get(wide.get(c)).size();
            if (size < (c == 0 ? width / 2.0 : width / 10.0)) {
                break;
            }
            text.append(c == 0 ? "column '" : ", column '").append(encoder.columns().get(wide.get(c)))
                    .append("' has ").append(MemoryBudget.count(size)).append(" distinct values");
        }
        return text.toString();
    }

    /**
     * Sets x[i, offset + k] = 1 for each row's category k in a matrix {@code width} wide; returns how many rows had
     * none of {@code categories}.
     */
    private static int oneHot(CategoricalColumn column, List<String> categories, int offset, int width, double[] x) {
        int[] levelToCategory = Categories.indexLevels(column.levels(), categories);
        int[] codes = column.rawCodes();
        int unseen = 0;
        for (int i = 0; i < codes.length; i++) {
            int k = levelToCategory[codes[i]];
            if (k < 0) {
                unseen++;
            } else {
                x[i * width + offset + k] = 1.0;
            }
        }
        return unseen;
    }
}
