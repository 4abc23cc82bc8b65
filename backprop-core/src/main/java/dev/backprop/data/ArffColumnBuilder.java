package dev.backprop.data;

import java.util.List;

/**
 * Collects the values of one declared ARFF attribute: numeric ({@code numeric}, {@code real}, {@code integer}) or
 * nominal ({@code {a, b, 'c d'}}, codes in declared order). An unquoted {@code ?} is missing. Not thread-safe.
 */
final class ArffColumnBuilder {
    private final String name;
    private final List<String> declared;
    private final Levels levels;
    private final DoubleList numbers;
    private final IntList codes;

    /** @param declared the nominal values in declared order, or {@code null} for a numeric attribute */
    ArffColumnBuilder(String name, List<String> declared) {
        this.name = name;
        this.declared = declared;
        if (declared == null) {
            levels = null;
            numbers = new DoubleList();
            codes = null;
        } else {
            levels = new Levels();
            for (String value : declared) {
                levels.intern(value);
            }
            numbers = null;
            codes = new IntList();
        }
    }

    String name() {
        return name;
    }

    /** The nominal values in declared order (a value's code is its index), or {@code null} if numeric. */
    List<String> declared() {
        return declared;
    }

    /** Makes room for {@code expectedRows} values at once. */
    void reserve(int expectedRows) {
        if (levels != null) {
            codes.reserve(expectedRows);
        } else {
            numbers.reserve(expectedRows);
        }
    }

    /**
     * Appends {@code value} read on {@code line}.
     *
     * @param quoted whether the value was quoted in the file
     * @throws InvalidDataException if it is not a finite number (numeric) or not a declared value (nominal)
     */
    void add(String value, boolean quoted, String source, long line) {
        boolean missing = !quoted && value.equals("?");
        if (!quoted && value.isEmpty()) {
            throw new InvalidDataException(source, line, name, "the value is empty; write ? for a missing value");
        }
        if (levels != null) {
            int code = missing ? -1 : levels.find(value);
            if (code < 0 && !missing) {
                throw new InvalidDataException(source, line, name, "'" + Numbers.abbreviate(value)
                        + "' is not one of the values declared for this attribute: " + declaredList());
            }
            codes.add(code);
            return;
        }
        if (missing) {
            numbers.add(Double.NaN);
            return;
        }
        double v = Numbers.parse(value);
        if (!Double.isFinite(v)) {
            String reason = Numbers.notFiniteReason(value);
            throw new InvalidDataException(source, line, name, Double.isNaN(v) && !Numbers.isNonFiniteLiteral(value)
                    ? reason + " (the attribute is declared numeric)" : reason);
        }
        numbers.add(v);
    }

    /** Appends a missing value: what {@link #add} does with an unquoted {@code ?}. */
    void addMissing() {
        if (levels != null) {
            codes.add(-1);
        } else {
            numbers.add(Double.NaN);
        }
    }

    /**
     * Appends {@code values[offset + k * stride]} for k in [0, count), each a finite number (numeric) or a declared
     * value's code (nominal): what {@link #add} does with their text.
     */
    void addValues(double[] values, int offset, int stride, int count) {
        if (levels == null) {
            numbers.addStrided(values, offset, stride, count);
            return;
        }
        for (int k = 0; k < count; k++) {
            codes.add((int) values[offset + k * stride]);
        }
    }

    /**
     * Appends the value a sparse row leaves out (0 for a numeric attribute, the first declared value for a nominal)
     * until the column holds {@code rows} values: a column a sparse row does not name is filled in only when a later
     * row names it or the data ends, so a row costs what it names, not every attribute.
     */
    void fillTo(int rows) {
        if (levels != null) {
            codes.fillTo(rows, 0);
        } else {
            numbers.fillTo(rows, 0.0);
        }
    }

    Column build() {
        return levels != null ? CategoricalColumn.wrap(name, declared, codes.toArray())
                : NumericColumn.wrap(name, numbers.toArray());
    }

    private String declaredList() {
        String all = "{" + String.join(", ", declared) + "}";
        return all.length() <= 200 ? all : all.substring(0, 197) + "...}";
    }
}
