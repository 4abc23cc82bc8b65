package dev.backprop.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Typed, named columns of equal length: what a data file holds once read, before any preprocessing. Immutable.
 *
 * <p>Each row remembers the line of the file it started on, so that later problems (a missing value found while
 * preprocessing, say) can be reported where the user can find them.
 */
public final class Frame {
    private final String source;
    private final List<Column> columns;
    private final long[] lines;
    /** Each column's index by name: a data set of many thousand columns looks its columns up by name per column. */
    private final Map<String, Integer> indexByName;

    private Frame(String source, List<Column> columns, long[] lines) {
        this.source = source;
        this.columns = columns;
        this.lines = lines;
        this.indexByName = new HashMap<>(2 * columns.size());
        for (int j = columns.size() - 1; j >= 0; j--) {
            indexByName.put(columns.get(j).name(), j);
        }
    }

    /**
     * A frame of {@code columns}, with no file lines known.
     *
     * @param columns the columns, all of one length; copied as a list (the columns are immutable)
     * @return the frame
     * @param source where the data came from, for messages, or {@code null}
     * @throws IllegalArgumentException if the columns differ in length or two share a name
     */
    public static Frame of(String source, List<? extends Column> columns) {
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        return of(source, columns, new long[rows]);
    }

    /**
     * A frame of {@code columns} whose row i started on line {@code lines[i]} of the source (0 if unknown).
     *
     * @param source  where the data came from, for messages, or {@code null}
     * @param columns the columns, all of one length
     * @param lines   the source line of each row, one per row
     * @return the frame
     * @throws IllegalArgumentException if the columns or the lines differ in length, or two columns share a name
     */
    public static Frame of(String source, List<? extends Column> columns, long[] lines) {
        List<Column> copy = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (Column c : copy) {
            if (c.size() != lines.length) {
                throw new IllegalArgumentException("column " + ColumnNames.quoted(c.name()) + " has " + c.size()
                        + " rows but the frame has " + lines.length);
            }
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("two columns are named " + ColumnNames.quoted(c.name()));
            }
        }
        return new Frame(source, copy, lines.clone());
    }

    /** A frame owning {@code lines} (no copy), of columns already checked: for code in this package. */
    static Frame wrap(String source, List<Column> columns, long[] lines) {
        return new Frame(source, List.copyOf(columns), lines);
    }

    /**
     * Where the data came from (a file name), or {@code null}.
     *
     * @return the source, possibly {@code null}
     */
    public String source() {
        return source;
    }

    /**
     * The number of rows.
     *
     * @return ≥ 0
     */
    public int rows() {
        return lines.length;
    }

    /**
     * The columns, in order.
     *
     * @return an unmodifiable list
     */
    public List<Column> columns() {
        return columns;
    }

    /**
     * The column names, in order.
     *
     * @return a new list of names
     */
    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
        }
        return names;
    }

    /**
     * Index of the column named {@code name}, or -1.
     *
     * @param name a column name, matched exactly
     * @return the column's index, or -1
     */
    public int indexOf(String name) {
        return indexByName.getOrDefault(name, -1);
    }

    /**
     * The column named {@code name}.
     *
     * @param name a column name, matched exactly
     * @return the column
     * @throws InvalidDataException listing the columns there are, if there is none
     */
    public Column column(String name) {
        int j = indexOf(name);
        if (j < 0) {
            throw new InvalidDataException(source, 0, null, "no column named " + ColumnNames.quoted(name)
                    + " (columns: "
                    + ColumnNames.listed(names()) + ")");
        }
        return columns.get(j);
    }

    /**
     * The 1-based line of the source on which {@code row} started, or 0 if unknown.
     *
     * @param row a row index in [0, {@link #rows()})
     * @return the line, ≥ 0
     */
    public long line(int row) {
        return lines[row];
    }

    /**
     * The rows at {@code rows}, in that order, each keeping its line.
     *
     * @param rows row indices in [0, {@link #rows()}), repeats allowed; not modified
     * @return a new frame
     */
    public Frame select(int[] rows) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.select(rows));
        }
        long[] selectedLines = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            selectedLines[i] = lines[rows[i]];
        }
        return new Frame(source, List.copyOf(out), selectedLines);
    }

    /**
     * This frame without the columns named {@code names}.
     *
     * @param names the columns to drop
     * @return a new frame with the other columns, in their order
     * @throws InvalidDataException naming every one of {@code names} that is not a column
     */
    public Frame drop(Collection<String> names) {
        requireColumns(names);
        Set<String> dropped = new LinkedHashSet<>(names);
        List<Column> kept = new ArrayList<>();
        for (Column c : columns) {
            if (!dropped.contains(c.name())) {
                kept.add(c);
            }
        }
        return new Frame(source, List.copyOf(kept), lines);
    }

    /** This frame with {@code column} in place of the column of the same name. */
    Frame replace(Column column) {
        int j = indexOf(column.name());
        if (j < 0 || column.size() != rows()) {
            throw new IllegalArgumentException("cannot replace column " + ColumnNames.quoted(column.name()));
        }
        List<Column> out = new ArrayList<>(columns);
        out.set(j, column);
        return new Frame(source, List.copyOf(out), lines);
    }

    /**
     * Checks that every one of {@code names} is a column.
     *
     * @param names the column names to look for
     * @throws InvalidDataException naming every missing column and listing those there are
     */
    public void requireColumns(Collection<String> names) {
        requireColumns(source, names(), names);
    }

    /**
     * Checks that every one of {@code wanted} is among {@code columns}, as {@link #requireColumns(Collection)} checks
     * a frame's columns: for a caller that has a table's column names but no frame of it (a distributed data set).
     *
     * @param source  the data's name in messages, or null
     * @param columns the table's column names, in order
     * @param wanted  the column names to look for
     * @throws InvalidDataException naming every missing column and listing those there are
     */
    public static void requireColumns(String source, List<String> columns, Collection<String> wanted) {
        List<String> missing = new ArrayList<>();
        Set<String> present = new HashSet<>(columns);
        for (String name : wanted) {
            if (!present.contains(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidDataException(source, 0, null, "no column" + (missing.size() > 1 ? "s" : "") + " named "
                    + ColumnNames.quoted(missing) + " (columns: " + ColumnNames.listed(columns) + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && Objects.equals(source, f.source) && columns.equals(f.columns)
                && java.util.Arrays.equals(lines, f.lines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, columns, java.util.Arrays.hashCode(lines));
    }

    /** "Frame(iris.csv: 150 rows; sepal_length numeric, ..., species categorical(3))". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Frame(");
        if (source != null) {
            sb.append(source).append(": ");
        }
        sb.append(rows()).append(" rows");
        String sep = "; ";
        for (Column c : columns) {
            sb.append(sep).append(c.name()).append(' ');
            sb.append(c instanceof CategoricalColumn cat ? "categorical(" + cat.levels().size() + ")" : "numeric");
            sep = ", ";
        }
        return sb.append(')').toString();
    }
}
