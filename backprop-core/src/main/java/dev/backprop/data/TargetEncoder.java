package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The target column and what it means, learned from training data and stored with a model. The task is asked for or
 * inferred ({@link TaskChoice}). For {@link Task#REGRESSION} y is the column itself. For {@link Task#CLASSIFICATION}
 * the classes are the labels present in the training rows, in sorted order (numbers by value, then text by
 * {@link String#compareTo}), and y is one-hot, one column per class: classification of a numeric column uses its
 * distinct values as classes ("0", "1"); regression of a categorical column needs labels that are numbers.
 * Regression may predict several target columns at once ({@link #regression}): y has one column per target, in
 * order. Immutable.
 *
 * <p>State, for serialisation: {@link #columns()}, {@link #task()}, {@link #classes()} (empty for regression);
 * {@link #of} and {@link #regression} rebuild an equal encoder from them.
 *
 * <p>Serializable, so that a distributed trainer can ship it to its workers (the serialized form is no storage
 * format: the model file is).
 *
 * @serial exclude
 */
public final class TargetEncoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String HINT = "rows without a target cannot be learned from or scored; drop them "
            + "(--missing drop or --missing mean)";

    private final List<String> columns;
    private final Task task;
    private final List<String> classes;
    private final Map<String, Integer> classIndex;

    private TargetEncoder(List<String> columns, Task task, List<String> classes) {
        this.columns = columns;
        this.task = task;
        this.classes = classes;
        this.classIndex = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            classIndex.put(classes.get(k), k);
        }
    }

    /**
     * A target with stored classes.
     *
     * @param column  the target column's name, not null
     * @param task    regression or classification, not null
     * @param classes the class names in output order (empty for regression); copied
     * @return the encoder
     * @throws IllegalArgumentException if regression lists classes, or classification lists fewer than two or one
     *                                  twice
     */
    public static TargetEncoder of(String column, Task task, List<String> classes) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(task, "task");
        List<String> copy = List.copyOf(classes);
        if (task == Task.REGRESSION && !copy.isEmpty()) {
            throw new IllegalArgumentException("a regression target has no classes");
        }
        if (task == Task.CLASSIFICATION) {
            if (copy.size() < 2) {
                throw new IllegalArgumentException("classification needs at least 2 classes but got " + copy);
            }
            if (new HashSet<>(copy).size() != copy.size()) {
                throw new IllegalArgumentException("classes repeat: " + copy);
            }
        }
        return new TargetEncoder(List.of(column), task, copy);
    }

    /**
     * A regression target of one or more columns, predicted together: one output each, in this order.
     *
     * @param columns the target columns' names; copied
     * @return the encoder
     * @throws IllegalArgumentException if there is no column, or one is named twice
     */
    public static TargetEncoder regression(List<String> columns) {
        List<String> copy = List.copyOf(columns);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a target needs at least one column");
        }
        if (new HashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException("target columns repeat: " + copy);
        }
        return new TargetEncoder(copy, Task.REGRESSION, List.of());
    }

    /**
     * Learns the target {@code column} from {@code train}.
     *
     * @param train  the training rows; not modified
     * @param column the target column's name
     * @return the encoder; classes in sorted order (numbers by value, then text)
     * @param task the task, or {@code null} to infer it ({@link TaskChoice})
     * @throws InvalidDataException if the column is absent or has a missing cell, if classification finds fewer than
     *                              two classes, or if regression is asked of text labels
     */
    public static TargetEncoder fit(Frame train, String column, Task task) {
        MissingValues.requireNone(train, List.of(column), HINT);
        ColumnType use = TaskChoice.use(train, column, task);
        return fit(FitSummary.of(train, List.of(column), List.of(use)), 0, train.source());
    }

    /**
     * Why regression cannot be asked of a target holding {@code label}, in the words fitting uses.
     *
     * @param label a label of the target column that is not a number
     * @return the reason, for an {@link InvalidDataException} naming the column
     */
    public static String notNumericReason(String label) {
        return "regression needs a numeric target, but '" + Numbers.abbreviate(label) + "' is not a number; leave "
                + "the task to be inferred to classify by this column";
    }

    /**
     * The encoder of column {@code j} of {@code summary}: regression if it is used as numbers, else classification
     * over its labels in the category order.
     *
     * @throws InvalidDataException naming {@code source}, if classification finds fewer than two classes
     */
    static TargetEncoder fit(FitSummary summary, int j, String source) {
        List<String> names = summary.columns();
        String column = names.get(j);
        if (summary.types().get(j) == ColumnType.NUMERIC) {
            return regression(names.subList(j, names.size()));
        }
        List<String> classes = summary.categories(j);
        if (classes.size() < 2) {
            throw new InvalidDataException(source, 0, column, "classification needs at least two classes "
                    + "but the training data has only "
                    + (classes.isEmpty() ? "none" : ColumnNames.quoted(classes.get(0))));
        }
        return new TargetEncoder(List.of(column), Task.CLASSIFICATION, classes);
    }

    /**
     * The target column's name: the first one's, for several regression targets.
     *
     * @return the name, never null
     */
    public String column() {
        return columns.get(0);
    }

    /**
     * The target columns' names: one for classification, one or more for regression.
     *
     * @return an unmodifiable list, in output order
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Whether the target is predicted as a number or as one of the classes.
     *
     * @return the task, never null
     */
    public Task task() {
        return task;
    }

    /**
     * The class names, in output order; empty for regression.
     *
     * @return an unmodifiable list
     */
    public List<String> classes() {
        return classes;
    }

    /**
     * The number of columns of y: the number of target columns for regression, of classes for classification.
     *
     * @return ≥ 1
     */
    public int width() {
        return task == Task.REGRESSION ? columns.size() : classes.size();
    }

    /**
     * y's column names: the target columns' own for regression, {@code column=class} for classification.
     *
     * @return a new list of {@link #width()} names
     */
    public List<String> outputNames() {
        if (task == Task.REGRESSION) {
            return columns;
        }
        List<String> names = new ArrayList<>(classes.size());
        for (String c : classes) {
            names.add(column() + "=" + c);
        }
        return names;
    }

    /**
     * The index of class {@code name}, or -1 if training did not see it (always -1 for regression).
     *
     * @param name a class label, matched exactly
     * @return the index in [0, {@link #width()}), or -1
     */
    public int classIndex(String name) {
        Integer k = classIndex.get(name);
        return k == null ? -1 : k;
    }

    /**
     * The name of class {@code index}.
     *
     * @param index a class index in [0, number of classes)
     * @return the class's label
     * @throws IndexOutOfBoundsException if there is no such class
     */
    public String className(int index) {
        return classes.get(index);
    }

    /**
     * Each row's class index in {@code frame}'s target column: -1 where the class is unseen or the cell missing.
     *
     * @param frame the data; not modified
     * @return a new array of one index per row
     * @throws IllegalStateException for a regression target
     * @throws InvalidDataException  if the column is absent
     */
    public int[] classIndices(Frame frame) {
        if (task != Task.CLASSIFICATION) {
            throw new IllegalStateException("a regression target has no classes");
        }
        CategoricalColumn labels = frame.column(column()).toCategorical();
        int[] levelToClass = Categories.indexLevels(labels.levels(), classes);
        int[] codes = labels.rawCodes();
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = codes[i] < 0 ? -1 : levelToClass[codes[i]];
        }
        return out;
    }

    /**
     * The target matrix of {@code frame}: its values, one column per target (regression), or one-hot rows y_ik = 1 for the row's class k
     * (classification; all zeros for a class not seen in training, counted).
     *
     * @param frame the data, with the target column; not modified
     * @return the rows x {@link #width()} target matrix and the count of unseen classes
     * @throws InvalidDataException if the column is absent, has a missing cell, or holds text for a regression target
     * @throws dev.backprop.linalg.TooLargeException if the one-hot rows would not fit the JVM's heap or one array
     */
    public EncodedTarget encode(Frame frame) {
        MissingValues.requireNone(frame, columns, HINT);
        if (task == Task.REGRESSION) {
            return new EncodedTarget(TargetMatrix.values(frame, columns), 0);
        }
        return TargetMatrix.oneHot(classIndices(frame), column(), classes.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetEncoder t && columns.equals(t.columns) && task == t.task
                && classes.equals(t.classes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, task, classes);
    }

    /** "TargetEncoder(species: classification {setosa, versicolor, virginica})". */
    @Override
    public String toString() {
        return "TargetEncoder(" + String.join(", ", columns) + ": " + task.id()
                + (classes.isEmpty() ? "" : " {" + String.join(", ", classes) + "}") + ")";
    }
}
