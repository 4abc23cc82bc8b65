package dev.backprop.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A column of labels: each cell is a code into {@link #levels()}, or -1 if missing. Immutable.
 *
 * <p>The levels are those the file declared (ARFF nominal attributes, in declared order) or those that occur (CSV, in
 * order of first appearance). A level need not occur in any row.
 */
public final class CategoricalColumn implements Column {
    private final String name;
    private final List<String> levels;
    private final int[] codes;
    private final int missing;

    private CategoricalColumn(String name, List<String> levels, int[] codes) {
        this.name = Objects.requireNonNull(name, "name");
        this.levels = levels;
        this.codes = codes;
        int count = 0;
        for (int c : codes) {
            if (c < 0) {
                count++;
            }
        }
        this.missing = count;
    }

    /**
     * A column with copies of {@code levels} and {@code codes}.
     *
     * @param name   the column's name
     * @param levels the possible labels, distinct and not null; copied
     * @param codes  each row's index into {@code levels}, or -1 for missing; copied
     * @return the column
     * @throws IllegalArgumentException if a level repeats or is null, or a code is outside [-1, levels.size()), naming
     *                                  its row (1-based, as every row the library names)
     */
    public static CategoricalColumn of(String name, List<String> levels, int[] codes) {
        List<String> copy = List.copyOf(levels);
        Set<String> seen = new HashSet<>();
        for (String level : copy) {
            if (!seen.add(level)) {
                throw new IllegalArgumentException("column " + ColumnNames.quoted(name) + " lists the level "
                        + ColumnNames.quoted(level) + " twice");
            }
        }
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < -1 || codes[i] >= copy.size()) {
                throw new IllegalArgumentException("column " + ColumnNames.quoted(name) + " row " + (i + 1)
                        + " has code " + codes[i] + " but only " + copy.size() + " levels");
            }
        }
        return new CategoricalColumn(name, copy, codes.clone());
    }

    /**
     * A column of labels coded in order of first appearance, as the CSV and ARFF readers code them.
     *
     * @param name   the column's name
     * @param labels each row's label, or null for missing; not modified
     * @return the column, its levels the distinct labels in the order they first appear
     */
    public static CategoricalColumn ofLabels(String name, String[] labels) {
        Levels levels = new Levels();
        int[] codes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            codes[i] = labels[i] == null ? -1 : levels.intern(labels[i]);
        }
        return new CategoricalColumn(name, levels.labels(), codes);
    }

    /** A column owning {@code codes} (no copy, no check): for readers in this package. */
    static CategoricalColumn wrap(String name, List<String> levels, int[] codes) {
        return new CategoricalColumn(name, List.copyOf(levels), codes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORICAL;
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] < 0;
    }

    @Override
    public int missingCount() {
        return missing;
    }

    /**
     * The possible labels; codes index this list.
     *
     * @return an unmodifiable list
     */
    public List<String> levels() {
        return levels;
    }

    /**
     * The code of the cell in {@code row}: an index into {@link #levels()}, or -1 if missing.
     *
     * @param row a row index in [0, {@link #size()})
     * @return the code, in [-1, levels().size())
     */
    public int code(int row) {
        return codes[row];
    }

    /**
     * A copy of the codes.
     *
     * @return a new array, one code per row
     */
    public int[] codes() {
        return codes.clone();
    }

    /** The codes without a copy, for code in this package that only reads them. */
    int[] rawCodes() {
        return codes;
    }

    @Override
    public String label(int row) {
        int c = codes[row];
        return c < 0 ? null : levels.get(c);
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = codes[rows[i]];
        }
        return new CategoricalColumn(name, levels, out);
    }


    @Override
    public CategoricalColumn toCategorical() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalColumn c && name.equals(c.name) && levels.equals(c.levels)
                && Arrays.equals(codes, c.codes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, levels, Arrays.hashCode(codes));
    }

    @Override
    public String toString() {
        return "CategoricalColumn(" + name + ", " + levels.size() + " levels, " + codes.length + " rows, " + missing
                + " missing)";
    }
}
