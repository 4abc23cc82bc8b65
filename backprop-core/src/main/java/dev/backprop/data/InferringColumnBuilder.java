package dev.backprop.data;

import java.util.HashMap;
import java.util.Map;

/**
 * Collects one CSV column's cells and decides its type: numeric while every value is a number, categorical from the
 * first value that is not. One pass, O(1) amortised per cell, arrays only; switching type converts the cells so far
 * once. A column declared categorical is categorical from its first cell.
 *
 * <p>A column that is almost numeric is refused rather than silently made categorical: when at least half of its
 * present cells are numbers (or numbers written with a decimal comma, {@code 3,14}) but some are not, {@link #build}
 * names the first cell that is not, unless mixed columns are allowed (reading against a model, whose preprocessing
 * decides each column's type) or the column is declared categorical.
 *
 * <p>Cells are stripped of surrounding whitespace. Missing: an empty cell, {@code ?} or {@code NA}. In a categorical
 * column a number is labelled as by {@code Numbers.label}, so "1" and "1.0" are one category. A NaN or infinity
 * literal, or a number too large for a double, is a category in a categorical column and an error in a numeric one.
 * A verbatim column ({@link ReadOptions#verbatim}) is categorical and keeps each cell's text as it is: "007" and "7"
 * are two categories, and only an empty cell is missing ({@code ?} and {@code NA} are texts like any other).
 */
final class InferringColumnBuilder implements PlainRows.Sink {
    private final String name;
    private final boolean mixedAllowed;
    private final boolean verbatim;
    /** Present cells that are numbers (finite, or written with a decimal comma), and those that are text. */
    private int numberLike;
    private int texts;
    private String firstText;
    private long firstTextLine;
    private String firstDecimalComma;
    private long firstDecimalCommaLine;
    private DoubleList numbers = new DoubleList();
    private IntList codes;
    private Levels levels;
    /** Numeric mode: the texts of cells that were NaN/infinity literals or overflowed, by row. */
    private Map<Integer, String> nonFinite;
    private long firstNonFiniteLine;
    private int rows;

    /**
     * @param declaredCategorical whether the column is categorical whatever it holds
     * @param mixedAllowed        whether a column mostly of numbers but with some text is read as categorical instead
     *                            of refused
     * @param verbatim            whether the column is categorical and keeps its cells' text as it is; its cells come
     *                            through {@link #add(String, long)} and {@link #addMissing()} only
     */
    InferringColumnBuilder(String name, boolean declaredCategorical, boolean mixedAllowed, boolean verbatim) {
        this.name = name;
        this.mixedAllowed = mixedAllowed || declaredCategorical || verbatim;
        this.verbatim = verbatim;
        if (declaredCategorical || verbatim) {
            switchToCategorical();
        }
    }

    /** The builder of column {@code name} as {@code options} read it. */
    static InferringColumnBuilder of(String name, ReadOptions options) {
        return new InferringColumnBuilder(name, options.categorical().contains(name), options.mixedColumns(),
                options.verbatim().contains(name));
    }

    /** Whether this column keeps its cells' text ({@link ReadOptions#verbatim}). */
    boolean verbatim() {
        return verbatim;
    }

    /** Whether {@code cell} (already stripped) marks a missing value. */
    static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.equals("?") || cell.equals("NA");
    }

    /**
     * Reserves room for {@code expectedRows} cells, so that a column whose length is known in advance grows once; a
     * guess, never a limit.
     */
    void reserve(int expectedRows) {
        if (numbers != null) {
            numbers.reserve(expectedRows);
        }
    }

    /** Appends the cell {@code text} read from {@code line}. */
    @Override
    public void add(String text, long line) {
        String cell = text.strip();
        if (verbatim ? cell.isEmpty() : isMissing(cell)) {
            addMissing();
            return;
        }
        add(cell, Numbers.parse(cell), line);
    }

    /** Appends a missing cell (empty, {@code ?} or {@code NA}). */
    @Override
    public void addMissing() {
        if (codes != null) {
            codes.add(-1);
        } else {
            numbers.add(Double.NaN);
        }
        rows++;
    }

    /**
     * Appends a cell already known to be a plain decimal with the finite value {@code v}: what {@link #add(String,
     * long)} does with its text, without the text.
     */
    private void addNumber(double v) {
        if (!mixedAllowed) {
            numberLike++;
        }
        if (codes != null) {
            codes.add(levels.intern(Numbers.label(v)));
        } else {
            numbers.add(v);
        }
        rows++;
    }

    /**
     * Appends {@code count} finite plain decimals, {@code values[offset + k * stride]} for k in [0, count), as
     * {@link #addNumber} would one by one.
     */
    @Override
    public void addValues(double[] values, int offset, int stride, int count) {
        if (codes != null) {
            for (int k = 0; k < count; k++) {
                addNumber(values[offset + k * stride]);
            }
            return;
        }
        if (!mixedAllowed) {
            numberLike += count;
        }
        numbers.addStrided(values, offset, stride, count);
        rows += count;
    }

    private void add(String cell, double v, long line) {
        boolean isText = Double.isNaN(v) && !Numbers.isNonFiniteLiteral(cell);
        if (!mixedAllowed) {
            count(cell, v, isText, line);
        }
        if (codes != null) {
            codes.add(levels.intern(Double.isFinite(v) && !verbatim ? Numbers.label(v) : cell));
        } else if (isText) {
            switchToCategorical();
            codes.add(levels.intern(cell));
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
        rows++;
    }

    /**
     * Counts a present cell as a number (finite, or with a decimal comma) or as text; a NaN or infinity literal or an
     * overflowing number is neither ("NaN" and "Inf" may be names).
     */
    private void count(String cell, double v, boolean isText, long line) {
        if (Double.isFinite(v)) {
            numberLike++;
        } else if (isText && MixedColumns.isCommaNumber(cell)) {
            numberLike++;
            if (firstDecimalComma == null) {
                firstDecimalComma = cell;
                firstDecimalCommaLine = line;
            }
        } else if (isText && texts++ == 0) {
            firstText = cell;
            firstTextLine = line;
        }
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
     * @throws InvalidDataException at the first NaN/infinity literal or overflowing number in a numeric column; at
     *                              the first number with a decimal comma, or the first text of a column at least half
     *                              numbers, unless mixed columns are allowed
     */
    Column build(String source) {
        MixedColumns.check(source, name, numberLike, texts, firstText, firstTextLine, firstDecimalComma,
                firstDecimalCommaLine);
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
