package dev.backprop.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The input columns of training data that a person does not mean as one-hot encoded categories, found before anything
 * is fitted: identifiers, which are left out (ignored, as the model then records), and dates, which are read as
 * numbers instead ({@link DateFeatures}):
 * <ul>
 *   <li>an identifier: a text column with a distinct value in at least {@link #IDENTIFIER_SHARE} of its present
 *       cells, over at least {@link #MIN_ROWS} of them. One-hot encoding it gives nearly every row an input of its
 *       own, which the network memorises; new rows bring new values, which encode as zeros.</li>
 *   <li>a date: a text column whose every present cell is an ISO 8601 date or date-time ({@code 2024-03-01},
 *       {@code 2024-03-01T14:30:05Z}). Its one-hot categories would be days that new data never repeats.</li>
 * </ul>
 * An identifier the user names to keep is kept as categories; a date column cannot be, nor is it ever one-hot
 * encoded. A column most of whose present cells are dates but not all is refused at its first other cell, as a column
 * mostly of numbers is ({@link InferringColumnBuilder}): one mistyped day ({@code 2024-02-30}) would otherwise turn a
 * date column into one-hot categories without a word. Thread-safe: only static functions.
 */
public final class InputScreen {
    /** The fewest present cells a column needs before distinct values in nearly all of them mark an identifier. */
    public static final int MIN_ROWS = 20;
    /** The share of present cells with a distinct value from which a text column is an identifier. */
    public static final double IDENTIFIER_SHARE = 0.9;

    /**
     * A column left out and why.
     *
     * @param column the column's name
     * @param reason why, completing "column 'x' ...", and what the user can do
     */
    public record LeftOut(String column, String reason) {
        /**
         * The warning a command prints.
         *
         * @return {@code column 'id' has ...: left out ...}, without a line break
         */
        public String warning() {
            return "column " + ColumnNames.quoted(column) + " " + reason;
        }
    }

    /**
     * What the screen reads of one text column: counts an engine that never holds the column (a cluster) finds with
     * its own aggregations, as {@link #census} finds them in a frame.
     *
     * @param column   the column's name
     * @param present  how many of its cells are present
     * @param distinct how many distinct values those cells hold
     * @param dateValues how many of the present cells are ISO 8601 dates or date-times ({@link #isDate})
     */
    public record TextCensus(String column, long present, long distinct, long dateValues) {
        /**
         * Whether this is a date column.
         *
         * @return true if every present value is an ISO 8601 date or date-time, and one is
         */
        public boolean dates() {
            return present > 0 && dateValues == present;
        }

        /** Whether more than half of the present values are dates, but not all: a date column with a bad cell. */
        boolean almostDates() {
            return dateValues > present - dateValues && dateValues < present;
        }
    }

    private InputScreen() {
    }

    /**
     * The date columns among {@code inputs}, in their order: text columns whose every present value is an ISO 8601
     * date or date-time.
     *
     * @param frame  the training data; not modified
     * @param inputs the input columns, which {@code frame} has
     * @return the date columns' names; empty if none
     * @throws InvalidDataException at the first cell that is not a date in a column of more than half dates
     */
    public static List<String> dates(Frame frame, List<String> inputs) {
        List<TextCensus> census = census(frame, inputs, List.of());
        for (TextCensus column : census) {
            if (column.almostDates()) {
                CategoricalColumn cells = (CategoricalColumn) frame.column(column.column());
                int row = firstNonDate(cells);
                throw notAllDates(frame.source(), frame.line(row), column,
                        "'" + cells.levels().get(cells.rawCodes()[row]) + "' is not an ISO date");
            }
        }
        return dates(census, inputs);
    }

    /**
     * The date columns among {@code inputs}, in their order, from their census.
     *
     * @param census the census of the text columns among the inputs (others may be there too)
     * @param inputs the input columns
     * @return the date columns' names; empty if none
     * @throws InvalidDataException for an input column of more than half dates but not all, naming no line
     */
    public static List<String> dates(List<TextCensus> census, List<String> inputs) {
        List<String> out = new ArrayList<>();
        for (String name : inputs) {
            TextCensus column = find(census, name);
            if (column != null && column.almostDates()) {
                long others = column.present() - column.dateValues();
                throw notAllDates(null, 0, column, others == 1 ? "1 value is not an ISO date"
                        : others + " values are not ISO dates");
            }
            if (column != null && column.dates()) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * The identifier columns among {@code inputs}, in their order, except those named in {@code keep}; date columns
     * are not identifiers.
     *
     * @param frame  the training data; not modified
     * @param inputs the input columns, which {@code frame} has
     * @param keep   identifier columns to keep as inputs anyway
     * @return the columns to leave out, each with its reason; empty if none
     * @throws InvalidDataException if {@code keep} names a column {@code frame} lacks, or a date column
     */
    public static List<LeftOut> find(Frame frame, List<String> inputs, Collection<String> keep) {
        return find(frame.names(), inputs, census(frame, inputs, keep), keep, frame.source());
    }

    /**
     * The identifier columns among {@code inputs}, in their order, except those named in {@code keep}, from the
     * census of the text columns: as {@link #find(Frame, List, Collection)} finds them in a frame.
     *
     * @param columns the data's columns
     * @param inputs  the input columns
     * @param census  the census of the text columns among the inputs and {@code keep}
     * @param keep    identifier columns to keep as inputs anyway
     * @param source  the data's name in messages, or null
     * @return the columns to leave out, each with its reason; empty if none
     * @throws InvalidDataException if {@code keep} names a column the data lacks, or a date column
     */
    public static List<LeftOut> find(List<String> columns, List<String> inputs, List<TextCensus> census,
                                     Collection<String> keep, String source) {
        for (String name : keep) {
            if (!columns.contains(name)) {
                throw new InvalidDataException(source, 1, null, "--keep names the column " + ColumnNames.quoted(name)
                        + ", which the header does not have (columns: " + ColumnNames.listed(columns) + ")");
            }
            TextCensus kept = find(census, name);
            if (kept != null && kept.dates()) {
                throw new InvalidDataException(source, 0, name, "--keep keeps identifier-like columns as "
                        + "categories, but this column holds dates, which are read as numbers (days, month, weekday)"
                        + " since one-hot encoding dates learns nothing about other days");
            }
        }
        List<LeftOut> out = new ArrayList<>();
        for (String name : inputs) {
            TextCensus column = find(census, name);
            if (column == null || column.dates()) {
                continue;
            }
            long present = column.present();
            long distinct = column.distinct();
            if (present >= MIN_ROWS && distinct >= IDENTIFIER_SHARE * present && !keep.contains(name)) {
                out.add(new LeftOut(name, "has " + distinct + " distinct values in " + present + " rows, like an "
                        + "identifier: left out, since one-hot encoding it would give nearly every row an input of "
                        + "its own; --keep " + name + " to use it"));
            }
        }
        return out;
    }

    /**
     * A warning when the column names look like a row of data, as in a file saved without its header line (UCI's
     * {@code iris.data}: {@code 5.1,3.5,1.4,0.2,Iris-setosa}): every name but at most one is a number, and one has a
     * decimal point. Years ({@code 2019,2020}) and codes ({@code 1,2,3}) have none, and are left alone.
     *
     * @param names the column names, in file order
     * @return the warning, without {@code warning: }, or null
     */
    public static String headerWarning(List<String> names) {
        List<String> numbers = names.stream().filter(name -> Double.isFinite(Numbers.parse(name.strip()))).toList();
        if (names.size() < 2 || numbers.size() < names.size() - 1 || numbers.stream().noneMatch(n -> n.contains("."))) {
            return null;
        }
        return "the column names are numbers (" + String.join(", ", numbers.subList(0, Math.min(3, numbers.size())))
                + (numbers.size() > 3 ? ", ..." : "") + "), as in a row of data: if the file has no header line, "
                + "add one, since its first line is read as the names and not as a row";
    }

    /**
     * Whether a text cell, as the CSV reader names it, is an ISO 8601 date or date-time that exists on the calendar.
     *
     * @param label the cell's text, stripped; not null
     * @return true for {@code 2024-02-29} or {@code 2024-03-01T14:30}, false for {@code 2023-02-29} or
     *         {@code 01/03/2024}
     */
    public static boolean isDate(String label) {
        return IsoDates.isDate(label);
    }

    /** The refusal of a column of more than half dates, beginning with what is not a date. */
    private static InvalidDataException notAllDates(String source, long line, TextCensus column, String what) {
        return new InvalidDataException(source, line, column.column(), what + " (2024-05-01, "
                + "2024-05-01T14:30), but " + column.dateValues() + " of the column's " + column.present()
                + " values are: fix the cell, leave it empty (a missing value, see --missing), or leave the column "
                + "out with --ignore " + column.column());
    }

    /** The first row whose present cell is not a date. */
    private static int firstNonDate(CategoricalColumn column) {
        int[] codes = column.rawCodes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= 0 && !IsoDates.isDate(column.levels().get(codes[i]))) {
                return i;
            }
        }
        throw new IllegalStateException("column " + ColumnNames.quoted(column.name()) + " holds only dates");
    }

    private static TextCensus find(List<TextCensus> census, String name) {
        for (TextCensus column : census) {
            if (column.column().equals(name)) {
                return column;
            }
        }
        return null;
    }

    /** The census of the text columns among {@code inputs} and then {@code keep} that {@code frame} has. */
    private static List<TextCensus> census(Frame frame, List<String> inputs, Collection<String> keep) {
        List<TextCensus> out = new ArrayList<>();
        List<String> names = new ArrayList<>(inputs);
        keep.stream().filter(name -> !names.contains(name) && frame.indexOf(name) >= 0).forEach(names::add);
        for (String name : names) {
            if (frame.column(name) instanceof CategoricalColumn column) {
                out.add(new TextCensus(name, column.size() - column.missingCount(), distinct(column),
                        dateValues(column)));
            }
        }
        return out;
    }

    /** How many of the column's levels occur. */
    private static int distinct(CategoricalColumn column) {
        boolean[] seen = new boolean[column.levels().size()];
        int distinct = 0;
        for (int code : column.rawCodes()) {
            if (code >= 0 && !seen[code]) {
                seen[code] = true;
                distinct++;
            }
        }
        return distinct;
    }

    /** How many present cells are ISO dates (each level checked once). */
    private static long dateValues(CategoricalColumn column) {
        int[] counts = new int[column.levels().size()];
        for (int code : column.rawCodes()) {
            if (code >= 0) {
                counts[code]++;
            }
        }
        long dates = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0 && IsoDates.isDate(column.levels().get(c))) {
                dates += counts[c];
            }
        }
        return dates;
    }
}
