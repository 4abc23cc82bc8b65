package dev.backprop.data;

import dev.backprop.linalg.MemoryBudget;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns input columns into the network's input matrix, learned from training data and stored with a model. Numeric
 * columns pass through as one column each. Categorical columns are one-hot encoded: one output per category seen in
 * the training data, named {@code column=category} ({@code outlook=sunny}), in sorted order (numbers by value, then
 * text by {@link String#compareTo}; the order of rows does not matter). A cell holding a category training did not
 * see encodes as all zeros and is counted, not refused. Immutable.
 *
 * <p>State, for serialisation: {@link #columns()}, {@link #types()} and {@link #categories()} (an empty list for a
 * numeric column); {@link #of} rebuilds an equal encoder from them.
 *
 * <p>Serializable, so that a distributed trainer can ship it to its workers (the serialized form is no storage
 * format: the model file is).
 *
 * @serial exclude
 */
public final class FeatureEncoder implements Serializable {
    private static final long serialVersionUID = 1L;
    /** What to do about a missing cell, said when fitting or encoding finds one. */
    static final String HINT = "fill them or drop those rows before encoding (see MissingPolicy)";

    private final List<String> columns;
    private final List<ColumnType> types;
    private final List<List<String>> categories;
    private final int width;

    private FeatureEncoder(List<String> columns, List<ColumnType> types, List<List<String>> categories) {
        this.columns = columns;
        this.types = types;
        this.categories = categories;
        int w = 0;
        for (int j = 0; j < columns.size(); j++) {
            w += types.get(j) == ColumnType.NUMERIC ? 1 : categories.get(j).size();
        }
        this.width = w;
    }

    /**
     * Why a column that was numeric in training cannot hold {@code label}, in the words encoding uses.
     *
     * @param label a label of the column that is not a number
     * @return the reason, for an {@link InvalidDataException} naming the column
     */
    public static String wasNumericReason(String label) {
        return "'" + Numbers.abbreviate(label) + "' is not a number, but this column was numeric in the training data";
    }

    /**
     * The encoder of the first {@code m} columns of {@code summary}: numeric ones as they are, categorical ones
     * one-hot over the categories the summary found.
     */
    static FeatureEncoder fit(FitSummary summary, int m) {
        List<ColumnType> types = summary.types().subList(0, m);
        List<List<String>> categories = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            categories.add(types.get(j) == ColumnType.NUMERIC ? List.of() : summary.categories(j));
        }
        return of(summary.columns().subList(0, m), types, categories);
    }

    /**
     * An encoder with stored columns and categories.
     *
     * @param columns    the input columns, in order; copied
     * @param types      each column's type
     * @param categories per column, its categories in one-hot order (empty for numeric columns); copied
     * @return the encoder
     * @throws IllegalArgumentException if the lists differ in length, a column repeats, a numeric column lists
     *                                  categories, a categorical column lists none or one twice, or two inputs would
     *                                  have one name (a numeric column named {@code a=b} beside category {@code b}
     *                                  of column {@code a})
     */
    public static FeatureEncoder of(List<String> columns, List<ColumnType> types, List<List<String>> categories) {
        int m = columns.size();
        if (types.size() != m || categories.size() != m) {
            throw new IllegalArgumentException("encoder has " + m + " columns but " + types.size() + " types and "
                    + categories.size() + " category lists");
        }
        Set<String> names = new HashSet<>();
        List<List<String>> copy = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            String name = columns.get(j);
            if (!names.add(name)) {
                throw new IllegalArgumentException("encoder lists column " + ColumnNames.quoted(name) + " twice");
            }
            List<String> cats = List.copyOf(categories.get(j));
            if (types.get(j) == ColumnType.NUMERIC && !cats.isEmpty()) {
                throw new IllegalArgumentException("numeric column " + ColumnNames.quoted(name)
                        + " cannot have categories");
            }
            if (types.get(j) == ColumnType.CATEGORICAL) {
                if (cats.isEmpty()) {
                    throw new IllegalArgumentException("categorical column " + ColumnNames.quoted(name)
                            + " has no categories");
                }
                if (new HashSet<>(cats).size() != cats.size()) {
                    throw new IllegalArgumentException("categorical column " + ColumnNames.quoted(name)
                            + " lists a category twice");
                }
            }
            copy.add(cats);
        }
        requireDistinctInputs(columns, types, copy);
        return new FeatureEncoder(List.copyOf(columns), List.copyOf(types), List.copyOf(copy));
    }

    /**
     * A numeric column's name and a one-hot input's {@code column=category} may coincide (a column named "a=b" beside
     * category "b" of column "a"); a model names its inputs by them, so two inputs would share one name.
     */
    private static void requireDistinctInputs(List<String> columns, List<ColumnType> types,
                                              List<List<String>> categories) {
        Map<String, String> sources = new HashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            String column = ColumnNames.quoted(columns.get(j));
            if (types.get(j) == ColumnType.NUMERIC) {
                requireNew(sources, columns.get(j), "column " + column);
            } else {
                for (String category : categories.get(j)) {
                    requireNew(sources, columns.get(j) + "=" + category, "category " + ColumnNames.quoted(category)
                            + " of column " + column);
                }
            }
        }
    }

    private static void requireNew(Map<String, String> sources, String input, String source) {
        String earlier = sources.putIfAbsent(input, source);
        if (earlier != null) {
            throw new IllegalArgumentException(earlier + " and " + source + " would both be the input "
                    + ColumnNames.quoted(input) + ": rename one of the columns");
        }
    }

    /**
     * Learns the encoding of {@code columns} from {@code train}: each column's type, and for categorical ones the
     * categories present in the training rows.
     *
     * @param train   the training rows; not modified
     * @param columns the input columns, in order
     * @return the encoder
     * @throws InvalidDataException if a column is absent, or has a missing cell (impute or drop first)
     */
    public static FeatureEncoder fit(Frame train, List<String> columns) {
        train.requireColumns(columns);
        MissingValues.requireNone(train, columns, HINT);
        List<ColumnType> types = new ArrayList<>();
        List<List<String>> categories = new ArrayList<>();
        for (String name : columns) {
            Column column = train.column(name);
            types.add(column.type());
            categories.add(column instanceof CategoricalColumn c ? Categories.present(c) : List.of());
        }
        return of(columns, types, categories);
    }

    /**
     * The input columns, in order.
     *
     * @return an unmodifiable list
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Each input column's type as the encoder treats it: numeric columns pass through, categorical ones are one-hot.
     *
     * @return an unmodifiable list, one type per column
     */
    public List<ColumnType> types() {
        return types;
    }

    /**
     * Per column, the categories learned (empty for numeric columns).
     *
     * @return an unmodifiable list of unmodifiable lists, one per column
     */
    public List<List<String>> categories() {
        return categories;
    }

    /**
     * The number of columns of the encoded matrix.
     *
     * @return the number of numeric columns plus the number of categories of the categorical ones
     */
    public int width() {
        return width;
    }

    /**
     * The encoded matrix's column names: a numeric column's own name, {@code column=category} for one-hot ones.
     *
     * @return a new list of {@link #width()} names
     */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>(width);
        for (int j = 0; j < columns.size(); j++) {
            if (types.get(j) == ColumnType.NUMERIC) {
                names.add(columns.get(j));
            } else {
                for (String category : categories.get(j)) {
                    names.add(columns.get(j) + "=" + category);
                }
            }
        }
        return names;
    }

    /**
     * Encodes {@code frame}'s input columns, found by name (other columns are ignored). A numeric training column may
     * arrive as categorical (its labels must then be numbers) and a categorical one as numeric (its values become
     * labels like "3"). Linear in the number of cells; x_ij is 1 for the row's category and 0 for the others.
     *
     * @param frame the data; not modified
     * @return the encoded rows x {@link #width()} matrix and a count of unseen categories
     * @throws InvalidDataException naming the columns that are absent, a cell that is missing, or text in a numeric
     *                              column (with its line)
     * @throws dev.backprop.linalg.TooLargeException if the matrix would not fit the JVM's heap
     *                              ({@link MemoryBudget#heap()}) or one array, naming the widest columns
     */
    public EncodedFeatures encode(Frame frame) {
        return encode(frame, MemoryBudget.heap());
    }

    /**
     * Encodes {@code frame}'s input columns as {@link #encode(Frame)} does, once the rows x {@link #width()} matrix is
     * known to fit {@code budget} and one Java array.
     *
     * @param frame  the data; not modified
     * @param budget the memory the matrix may take
     * @return the encoded rows x {@link #width()} matrix and a count of unseen categories
     * @throws InvalidDataException                  as {@link #encode(Frame)}
     * @throws dev.backprop.linalg.TooLargeException if the matrix would not fit, naming the columns whose one-hot
     *                                               encoding makes it wide
     */
    public EncodedFeatures encode(Frame frame, MemoryBudget budget) {
        return OneHotEncoding.encode(this, frame, budget);
    }

    /**
     * The categorical columns that make the encoding wide, for a message: "column 'id' has 20,000 distinct values",
     * the widest first. Named only when the widest takes at least half of the width; then also any other that takes
     * at least a tenth, at most three in all.
     *
     * @return the text, or "" when no categorical column takes half of the width
     */
    public String wideColumns() {
        return OneHotEncoding.wideColumns(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureEncoder e && columns.equals(e.columns) && types.equals(e.types)
                && categories.equals(e.categories);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, types, categories);
    }

    /** "FeatureEncoder(temperature, outlook{overcast, rainy, sunny} -> 4 columns)". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FeatureEncoder(");
        for (int j = 0; j < columns.size(); j++) {
            sb.append(j == 0 ? "" : ", ").append(columns.get(j));
            if (types.get(j) == ColumnType.CATEGORICAL) {
                sb.append('{').append(String.join(", ", categories.get(j))).append('}');
            }
        }
        return sb.append(" -> ").append(width).append(" columns)").toString();
    }
}
