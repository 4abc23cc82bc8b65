package dev.backprop.data;

import java.util.HashMap;
import java.util.Map;

/**
 * Collects one CSV column's cells and decides its type: numeric while every value is a number, categorical from the
 * first value that is not. One pass, O(1) amortised per cell, arrays only; switching type converts the cells so far
 * once.
 *
 * <p>Cells are stripped of surrounding whitespace. Missing: an empty cell, {@code ?} or {@code NA}. In a categorical
 * column a number is labelled as by {@code Numbers.label}, so "1" and "1.0" are one category. A NaN or infinity
 * literal, or a number too large for a double, is a category in a categorical column and an error in a numeric one.
 */
final class InferringColumnBuilder {
    private final String name;
    private DoubleList numbers = new DoubleList();
    private IntList codes;
    private Levels levels;
    /** Numeric mode: the texts of cells that were NaN/infinity literals or overflowed, by row. */
    private Map<Integer, String> nonFinite;
    private long firstNonFiniteLine;
    private int rows;

    InferringColumnBuilder(String name) {
        this.name = name;
    }

    /** Whether {@code cell} (already stripped) marks a missing value. */
    static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.equals("?") || cell.equals("NA");
    }

    /** Appends the cell {@code text} read from {@code line}. */
    void add(String text, long line) {
        String cell = text.strip();
        if (codes != null) {
            codes.add(categoryCode(cell));
        } else if (isMissing(cell)) {
            numbers.add(Double.NaN);
        } else {
            double v = Numbers.parse(cell);
            if (Double.isNaN(v) && !Numbers.isNonFiniteLiteral(cell)) {
                switchToCategorical();
                codes.add(categoryCode(cell));
            } else if (Double.isFinite(v)) {
                numbers.add(v);
            } else {
                if (nonFinite == null) {
                    nonFinite = new HashMap<>();
                    firstNonFiniteLine = line;
                }
                nonFinite.put(rows, cell);
                numbers.add(Double.NaN);
            }
        }
        rows++;
    }

    private int categoryCode(String cell) {
        if (isMissing(cell)) {
            return -1;
        }
        double v = Numbers.parse(cell);
        return levels.intern(Double.isFinite(v) ? Numbers.label(v) : cell);
    }

    private void switchToCategorical() {
        levels = new Levels();
        codes = new IntList(numbers.size() + 16);
        for (int i = 0; i < numbers.size(); i++) {
            double v = numbers.get(i);
            String raw = nonFinite == null ? null : nonFinite.get(i);
            if (raw != null) {
                codes.add(levels.intern(raw));
            } else {
                codes.add(Double.isNaN(v) ? -1 : levels.intern(Numbers.label(v)));
            }
        }
        numbers = null;
        nonFinite = null;
    }

    /**
     * The column.
     *
     * @throws InvalidDataException at the first NaN/infinity literal or overflowing number in a numeric column
     */
    Column build(String source) {
        if (codes != null) {
            return CategoricalColumn.wrap(name, levels.labels(), codes.toArray());
        }
        if (nonFinite != null) {
            int first = nonFinite.keySet().stream().mapToInt(Integer::intValue).min().orElseThrow();
            throw new InvalidDataException(source, firstNonFiniteLine, name,
                    Numbers.notFiniteReason(nonFinite.get(first)));
        }
        return NumericColumn.wrap(name, numbers.toArray());
    }
}
