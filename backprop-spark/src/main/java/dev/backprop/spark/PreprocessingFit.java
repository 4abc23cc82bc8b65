package dev.backprop.spark;

import dev.backprop.data.Cells;
import dev.backprop.data.ColumnType;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.Imputation;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.TargetEncoder;
import dev.backprop.data.Task;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The core's {@link Preprocessor} fitted on a Spark data set, as {@link Preprocessor#fit} fits it on a frame, but
 * with Spark aggregations: no row reaches the driver. Three jobs: the {@link ColumnCensus} types the columns and
 * counts missing cells; on the rows the missing-value policy keeps ({@link RowSelection}), one aggregation gives each
 * numeric column's count, sum, min and max, and one {@code groupBy} each categorical column's label counts
 * ({@link FitStatistics}). From those: the means (sum / count) and modes (most frequent label, ties to the first in
 * {@link Cells#CATEGORY_ORDER}) of {@code --missing mean}, the sorted categories of the one-hot encoding, the task
 * and sorted classes of the target, and the ranges the scalings are fitted on (a filled cell counts as its fill
 * value, a one-hot column ranges over 0 and 1 unless every row or no row has its category).
 */
final class PreprocessingFit {
    /**
     * A fitted (or given) preprocessor and what packing the rows needs.
     *
     * @param preprocessor the preprocessor
     * @param used         the input columns, then the target
     * @param types        each used column's type in the data (how a partition's frame reads it)
     * @param selected     the rows the missing-value policy keeps
     * @param rows         how many they are
     * @param inputs       the encoded inputs' ranges over those rows
     * @param targets      the encoded targets' ranges
     */
    record Result(Preprocessor preprocessor, List<ColumnSource> used, List<ColumnType> types, Dataset<Row> selected,
                  long rows, Ranges inputs, Ranges targets) {
    }

    private final Dataset<Row> data;
    private final String source;
    private final CoreMessages messages;

    private PreprocessingFit(Dataset<Row> data, String source) {
        this.data = data;
        this.source = source;
        this.messages = new CoreMessages(source);
    }

    /**
     * Fits a preprocessor on {@code data} by {@code config}; {@code source} names the data in messages (or null).
     *
     * @throws dev.backprop.data.InvalidDataException as {@link Preprocessor#fit}, in its words, without lines
     * @throws IllegalArgumentException               for a column Spark holds in a type that is neither text nor
     *                                                numbers, or data without rows
     */
    static Result fit(Dataset<Row> data, PreprocessConfig config, String source) {
        return new PreprocessingFit(data, source).fit(config);
    }

    private Result fit(PreprocessConfig config) {
        List<String> columns = Arrays.asList(data.columns());
        List<String> wanted = new ArrayList<>(config.ignore());
        wanted.add(config.target());
        messages.requireColumns(columns, wanted);
        List<String> inputs = new ArrayList<>(columns);
        inputs.removeAll(wanted);
        if (inputs.isEmpty()) {
            throw messages.noInput(columns, config);
        }
        ColumnCensus census = census(inputs, config.target());
        List<ColumnType> types = inputs.stream().map(name -> census.entry(name).type()).toList();
        ColumnCensus.Entry target = census.entry(config.target());
        Task task = config.task() != null ? config.task()
                : target.type() == ColumnType.NUMERIC ? Task.REGRESSION : Task.CLASSIFICATION;
        if (task == Task.REGRESSION && target.type() == ColumnType.CATEGORICAL) {
            throw messages.notANumericTarget(config.target(), target.notANumber());
        }
        Selected rows = select(census, inputs, types, config.target(), task, config.missing(), true);
        Preprocessor preprocessor = Preprocessor.of(config.ignore(), config.missing(),
                config.missing() == MissingPolicy.MEAN ? imputation(inputs, types, rows.statistics) : null,
                features(inputs, types, rows.statistics), target(config.target(), task, rows.statistics));
        return result(preprocessor, rows);
    }

    /**
     * Applies a preprocessor fitted before (a model's) to {@code data}: its columns, policy, fill values, categories
     * and classes; only the ranges are taken from {@code data}.
     *
     * @throws dev.backprop.data.InvalidDataException as {@link Preprocessor#apply}, in its words, without lines
     */
    static Result apply(Dataset<Row> data, Preprocessor preprocessor, String source) {
        return new PreprocessingFit(data, source).apply(preprocessor);
    }

    private Result apply(Preprocessor preprocessor) {
        List<String> inputs = preprocessor.features().columns();
        String targetName = preprocessor.target().column();
        List<String> wanted = new ArrayList<>(inputs);
        wanted.add(targetName);
        messages.requireColumns(Arrays.asList(data.columns()), wanted);
        ColumnCensus census = census(inputs, targetName);
        List<ColumnType> types = preprocessor.features().types();
        for (int j = 0; j < inputs.size(); j++) {
            checkNumeric(census.entry(inputs.get(j)), types.get(j));
        }
        Task task = preprocessor.target().task();
        checkNumeric(census.entry(targetName), task == Task.REGRESSION ? ColumnType.NUMERIC : ColumnType.CATEGORICAL);
        Selected rows = select(census, inputs, types, targetName, task, preprocessor.missing(), false);
        return result(preprocessor, rows);
    }

    /** A column numeric in training must hold numbers; any column may be read as categories. */
    private void checkNumeric(ColumnCensus.Entry entry, ColumnType trained) {
        if (trained == ColumnType.NUMERIC && entry.type() == ColumnType.CATEGORICAL) {
            throw messages.wasNumeric(entry.source().name(), entry.notANumber());
        }
    }

    /**
     * The census of every column the core's reader would type: all columns Spark holds as text or numbers (the
     * {@code inputs} and {@code target} must be such columns).
     */
    private ColumnCensus census(List<String> inputs, String target) {
        List<String> used = new ArrayList<>(inputs);
        used.add(target);
        List<ColumnSource> sources = new ArrayList<>();
        for (StructField field : data.schema().fields()) {
            boolean text = field.dataType().equals(DataTypes.StringType);
            if (text || field.dataType() instanceof NumericType) {
                sources.add(new ColumnSource(field.name(), ColumnSource.quoted(data, field.name()), text));
            } else if (used.contains(field.name())) {
                ColumnSource.of(data, field.name());   // throws, saying what the type is
            }
        }
        ColumnCensus census = ColumnCensus.of(data, sources, source);
        if (census.rows() == 0) {
            throw new IllegalArgumentException("the dataset has no rows");
        }
        return census;
    }

    /** The rows the policy keeps and their statistics. */
    private record Selected(List<ColumnSource> used, List<ColumnType> types, Dataset<Row> rows,
                            FitStatistics statistics) {
    }

    private Selected select(ColumnCensus census, List<String> inputs, List<ColumnType> inputTypes, String target,
                            Task task, MissingPolicy policy, boolean fitting) {
        List<ColumnSource> used = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        List<ColumnSource> numeric = new ArrayList<>();
        List<ColumnSource> categorical = new ArrayList<>();
        for (int j = 0; j <= inputs.size(); j++) {
            ColumnCensus.Entry entry = census.entry(j < inputs.size() ? inputs.get(j) : target);
            ColumnType role = j < inputs.size() ? inputTypes.get(j)
                    : task == Task.REGRESSION ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
            used.add(entry.source());
            types.add(entry.type());
            (role == ColumnType.NUMERIC ? numeric : categorical).add(entry.source());
        }
        if (policy == MissingPolicy.ERROR) {
            List<ColumnSource> inDataOrder = new ArrayList<>();
            for (String name : data.columns()) {
                used.stream().filter(c -> c.name().equals(name)).forEach(inDataOrder::add);
            }
            RowSelection.requireNone(data, census, inDataOrder, fitting, source);
        }
        Dataset<Row> kept = policy == MissingPolicy.ERROR ? data : data.filter(RowSelection.kept(policy, used));
        FitStatistics statistics = FitStatistics.of(kept, numeric, categorical);
        if (statistics.rows() == 0) {
            throw messages.noRowLeft(policy, target);
        }
        return new Selected(used, types, kept, statistics);
    }

    private static Result result(Preprocessor preprocessor, Selected rows) {
        return new Result(preprocessor, rows.used, rows.types, rows.rows, rows.statistics.rows(),
                EncodedRanges.inputs(preprocessor, rows.statistics),
                EncodedRanges.target(preprocessor.target(), rows.statistics));
    }

    /** The training means and modes, as {@link Imputation#fit} finds them. */
    private Imputation imputation(List<String> inputs, List<ColumnType> types, FitStatistics statistics) {
        int m = inputs.size();
        double[] means = new double[m];
        String[] modes = new String[m];
        for (int j = 0; j < m; j++) {
            String name = inputs.get(j);
            if (types.get(j) == ColumnType.NUMERIC) {
                FitStatistics.Numbers numbers = statistics.numbers(name);
                if (numbers.count() == 0) {
                    throw messages.nothingToFill(name, ColumnType.NUMERIC);
                }
                means[j] = numbers.sum() / numbers.count();
            } else {
                modes[j] = mode(statistics.labels(name));
                if (modes[j] == null) {
                    throw messages.nothingToFill(name, ColumnType.CATEGORICAL);
                }
            }
        }
        return Imputation.of(inputs, types, means, modes);
    }

    /** The most frequent label, ties going to the first in the category order; null if there is none. */
    private static String mode(Map<String, Long> counts) {
        String best = null;
        long bestCount = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            long count = e.getValue();
            if (count > bestCount || count == bestCount && Cells.CATEGORY_ORDER.compare(e.getKey(), best) < 0) {
                best = e.getKey();
                bestCount = count;
            }
        }
        return best;
    }

    private static List<String> sorted(Map<String, Long> counts) {
        return counts.keySet().stream().sorted(Cells.CATEGORY_ORDER).toList();
    }

    private static FeatureEncoder features(List<String> inputs, List<ColumnType> types, FitStatistics statistics) {
        List<List<String>> categories = new ArrayList<>();
        for (int j = 0; j < inputs.size(); j++) {
            categories.add(types.get(j) == ColumnType.NUMERIC ? List.of() : sorted(statistics.labels(inputs.get(j))));
        }
        return FeatureEncoder.of(inputs, types, categories);
    }

    private TargetEncoder target(String column, Task task, FitStatistics statistics) {
        if (task == Task.REGRESSION) {
            return TargetEncoder.of(column, Task.REGRESSION, List.of());
        }
        List<String> classes = sorted(statistics.labels(column));
        if (classes.size() < 2) {
            throw messages.oneClass(column, classes.get(0));
        }
        return TargetEncoder.of(column, Task.CLASSIFICATION, classes);
    }
}
