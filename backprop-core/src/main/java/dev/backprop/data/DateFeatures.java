package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Columns of ISO 8601 dates read as numbers, fitted on training data and stored with a model so that new data is read
 * the same way: a date column {@code d} becomes the numeric columns {@code d.days} (days since 1970-01-01, with the
 * time of day as a fraction: a trend), {@code d.month} (1-12: the season) and {@code d.weekday} (1 Monday to 7
 * Sunday: the week's cycle), and, if any training value had a time, {@code d.hour} (0 to 24, minutes as a fraction:
 * the day's cycle), in place of {@code d}. A time is taken as written; an offset ({@code Z}, {@code +02:00}) is
 * ignored. These numbers then pass through the input encoding and scaling as any numeric column does. Immutable.
 *
 * <p>State, for serialisation: {@link #columns()} and {@link #withTime()}; {@link #of} rebuilds an equal object.
 *
 * <p>Serializable, so that a distributed trainer could ship it to its workers (the serialized form is no storage
 * format: the model file is).
 *
 * @serial exclude
 */
public final class DateFeatures implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final DateFeatures NONE = new DateFeatures(List.of(), List.of());
    private static final List<String> PARTS = List.of("days", "month", "weekday", "hour");

    private final List<String> columns;
    private final List<Boolean> withTime;

    private DateFeatures(List<String> columns, List<Boolean> withTime) {
        this.columns = columns;
        this.withTime = withTime;
    }

    /**
     * No date column.
     *
     * @return the empty expansion, which leaves every frame as it is
     */
    public static DateFeatures none() {
        return NONE;
    }

    /**
     * Date columns with stored parts.
     *
     * @param columns  the date columns' names; copied
     * @param withTime per column, whether it gets an {@code hour} column; copied
     * @return the expansion
     * @throws IllegalArgumentException if the lists differ in length or a column repeats
     */
    public static DateFeatures of(List<String> columns, List<Boolean> withTime) {
        if (columns.size() != withTime.size()) {
            throw new IllegalArgumentException(columns.size() + " date columns but " + withTime.size()
                    + " time flags");
        }
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("date columns repeat: " + columns);
        }
        return columns.isEmpty() ? NONE : new DateFeatures(List.copyOf(columns), List.copyOf(withTime));
    }

    /**
     * Fits the expansion of {@code columns} of {@code train}: each gets an hour column if a value of it has a time.
     *
     * @param train   the training rows; not modified
     * @param columns columns of {@code train} whose every present value is an ISO date or date-time
     * @return the expansion
     * @throws InvalidDataException at the first value that is not an ISO date
     */
    public static DateFeatures fit(Frame train, List<String> columns) {
        List<Boolean> time = new ArrayList<>();
        for (String name : columns) {
            CategoricalColumn column = train.column(name).toCategorical();
            boolean any = false;
            for (String level : column.levels()) {
                any |= hasTime(parse(train, name, level, 0));
            }
            time.add(any);
        }
        return of(columns, time);
    }

    /**
     * Whether an ISO date has a time of day, which gives its column an {@code hour} part.
     *
     * @param date an ISO 8601 date or date-time ({@link InputScreen#isDate})
     * @return true for {@code 2024-03-01T14:30}, false for {@code 2024-03-01}
     */
    public static boolean hasTime(String date) {
        return date.length() > 10;
    }

    /**
     * The column names after {@link #expand}: each date column replaced by its {@link #parts}.
     *
     * @param names a data file's column names
     * @return a new list of names, in order
     */
    public List<String> expandedNames(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            int j = columns.indexOf(name);
            if (j < 0) {
                out.add(name);
            } else {
                out.addAll(parts(j));
            }
        }
        return out;
    }

    /**
     * The note a command prints for each date column, naming the columns it became.
     *
     * @return one line per date column, without line breaks; empty if none
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            notes.add("note: column " + ColumnNames.quoted(columns.get(j)) + " holds ISO dates, read as numbers: "
                    + String.join(", ", parts(j)) + " (days since 1970-01-01, month, weekday"
                    + (withTime.get(j) ? ", hour" : "") + ")");
        }
        return notes;
    }

    private static String parse(Frame frame, String column, String text, long line) {
        if (!IsoDates.isDate(text)) {
            throw new InvalidDataException(frame.source(), line, column, "'" + Numbers.abbreviate(text) + "' is not "
                    + "an ISO 8601 date (such as 2024-05-01 or 2024-05-01T14:30), but this column held dates in the "
                    + "training data");
        }
        return text;
    }

    /**
     * The date columns read as numbers.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Per date column, whether it gets an {@code hour} column.
     *
     * @return an unmodifiable list, one flag per column
     */
    public List<Boolean> withTime() {
        return withTime;
    }

    /**
     * The numeric columns that stand for date column {@code j}, in order.
     *
     * @param j a date column's index in {@link #columns()}
     * @return {@code d.days}, {@code d.month}, {@code d.weekday} and, with a time, {@code d.hour}
     */
    public List<String> parts(int j) {
        List<String> names = new ArrayList<>();
        for (int p = 0; p < (withTime.get(j) ? 4 : 3); p++) {
            names.add(columns.get(j) + "." + PARTS.get(p));
        }
        return names;
    }

    /**
     * The columns of a data file that {@code expanded} stand for: each date part replaced by its date column, once,
     * where its first part was.
     *
     * @param expanded column names after {@link #expand}, such as an input encoder's columns
     * @return the data file's column names, in order
     */
    public List<String> sourceColumns(List<String> expanded) {
        List<String> out = new ArrayList<>();
        for (String name : expanded) {
            String source = name;
            for (int j = 0; j < columns.size(); j++) {
                if (parts(j).contains(name)) {
                    source = columns.get(j);
                }
            }
            if (!source.equals(name) && out.contains(source)) {
                continue;
            }
            out.add(source);
        }
        return out;
    }

    /**
     * {@code frame} with each date column it has replaced by its numeric parts (NaN where the date is missing); other
     * columns are left as they are.
     *
     * @param frame the data; not modified
     * @return the expanded frame, or {@code frame} itself when it has no date column
     * @throws InvalidDataException at the first value of a date column that is not an ISO date, or if a part's name
     *                              is already a column of the frame
     */
    public Frame expand(Frame frame) {
        if (columns.stream().noneMatch(name -> frame.indexOf(name) >= 0)) {
            return frame;
        }
        Set<String> existing = new HashSet<>(frame.names());
        List<Column> out = new ArrayList<>();
        for (Column column : frame.columns()) {
            int j = columns.indexOf(column.name());
            if (j < 0) {
                out.add(column);
                continue;
            }
            List<String> parts = parts(j);
            for (String part : parts) {
                if (existing.contains(part)) {
                    throw new InvalidDataException(frame.source(), 0, part, "this column's name is the one the "
                            + "date column " + ColumnNames.quoted(column.name()) + " is read into; rename it");
                }
            }
            out.addAll(expand(frame, column.toCategorical(), parts));
        }
        long[] lines = new long[frame.rows()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = frame.line(i);
        }
        return Frame.of(frame.source(), out, lines);
    }

    private static List<Column> expand(Frame frame, CategoricalColumn column, List<String> parts) {
        List<String> levels = column.levels();
        double[][] levelParts = new double[levels.size()][];
        int[] codes = column.rawCodes();
        int n = codes.length;
        double[][] values = new double[parts.size()][n];
        for (int i = 0; i < n; i++) {
            int code = codes[i];
            if (code >= 0 && levelParts[code] == null) {
                levelParts[code] = IsoDates.parts(parse(frame, column.name(), levels.get(code), frame.line(i)));
            }
            for (int p = 0; p < parts.size(); p++) {
                values[p][i] = code < 0 ? Double.NaN : levelParts[code][p];
            }
        }
        List<Column> out = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            out.add(NumericColumn.wrap(parts.get(p), values[p]));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DateFeatures d && columns.equals(d.columns) && withTime.equals(d.withTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, withTime);
    }

    @Override
    public String toString() {
        return "DateFeatures(" + columns + ")";
    }
}
