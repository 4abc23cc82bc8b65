package dev.backprop.spark;

import dev.backprop.data.ColumnRanges;
import dev.backprop.data.EncodedRanges;
import dev.backprop.data.ColumnType;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.FitSummary;
import dev.backprop.data.Frame;
import dev.backprop.data.InvalidDataException;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.MissingValues;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.TaskChoice;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The core's {@link Preprocessor} fitted on a Spark data set, as {@link Preprocessor#fit} fits it on a frame, but
 * with Spark jobs: no row reaches the driver. Two jobs: the {@link ColumnCensus} types the columns and counts missing
 * cells; on the rows the missing-value policy keeps ({@link RowSelection}), every partition computes the core's
 * {@link FitSummary} of its rows, the summaries are merged, and the core fits the preprocessor from the merged one
 * ({@link Preprocessor#fit(FitSummary, PreprocessConfig, String)}). The summary also gives the ranges the scalings
 * are fitted on ({@link EncodedRanges}).
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
                  long rows, ColumnRanges inputs, ColumnRanges targets) {
    }

    private final Dataset<Row> data;
    private final String source;

    private PreprocessingFit(Dataset<Row> data, String source) {
        this.data = data;
        this.source = source;
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
        List<String> used = new ArrayList<>(config.inputs(Arrays.asList(data.columns()), source));
        used.add(config.target());
        ColumnCensus census = census(used);
        List<ColumnType> uses = new ArrayList<>(used.stream().map(name -> census.entry(name).type()).toList());
        ColumnCensus.Entry target = census.entry(config.target());
        uses.set(uses.size() - 1, TaskChoice.of(config.task(), config.target(), target.type(),
                () -> valueCounts(target.source()), target.notANumber(), source).targetUse());
        Selected rows = select(census, used, uses, config.missing(), true);
        return result(Preprocessor.fit(rows.summary, config, source), rows);
    }

    /**
     * How many rows hold each distinct present value of a numeric column, for at most
     * {@link TaskChoice#MAX_CLASSES} + 1 values: what the core's task rule needs (one small result reaches the
     * driver).
     */
    private Map<Double, Long> valueCounts(ColumnSource column) {
        Column value = column.text() ? CellFunctions.NUMBER_OF.apply(column.raw())
                : column.raw().cast(DataTypes.DoubleType);
        Map<Double, Long> counts = new HashMap<>();
        for (Row row : data.select(value.as("value")).where(col("value").isNotNull()).groupBy("value").count()
                .limit(TaskChoice.MAX_CLASSES + 1).collectAsList()) {
            counts.put(row.getDouble(0), row.getLong(1));
        }
        return counts;
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
        preprocessor.dates().refuse("Spark", "continue or score it with backprop train or evaluate");
        List<String> used = preprocessor.usedColumns();
        Frame.requireColumns(source, Arrays.asList(data.columns()), used);
        ColumnCensus census = census(used);
        List<ColumnType> uses = preprocessor.usedTypes();
        for (int j = 0; j < used.size(); j++) {
            checkNumeric(census.entry(used.get(j)), uses.get(j));
        }
        Selected rows = select(census, used, uses, preprocessor.missing(), false);
        return result(preprocessor, rows);
    }

    /** A column numeric in training must hold numbers; any column may be read as categories. */
    private void checkNumeric(ColumnCensus.Entry entry, ColumnType trained) {
        if (trained == ColumnType.NUMERIC && entry.type() == ColumnType.CATEGORICAL) {
            throw new InvalidDataException(source, 0, entry.source().name(),
                    FeatureEncoder.wasNumericReason(entry.notANumber()));
        }
    }

    /**
     * The census of every column the core's reader would type: all columns Spark holds as text or numbers (the
     * {@code used} ones must be such columns).
     */
    private ColumnCensus census(List<String> used) {
        List<ColumnSource> sources = new ArrayList<>();
        for (StructField field : data.schema().fields()) {
            boolean text = field.dataType().equals(DataTypes.StringType);
            if (text || field.dataType() instanceof NumericType) {
                sources.add(new ColumnSource(field.name(), ColumnSource.quoted(data, field.name()), text));
            } else if (used.contains(field.name())) {
                ColumnSource.of(data, field.name());   // throws, saying what the type is
            }
        }
        ColumnCensus census = ColumnCensus.of(data, sources);
        census.entries().forEach(entry -> entry.requireFinite(source));
        return census;
    }

    /** The rows the policy keeps and their summary. */
    private record Selected(List<ColumnSource> used, List<ColumnType> types, Dataset<Row> rows,
                            FitSummary summary) {
    }

    /**
     * The rows {@code policy} keeps and their summary, the {@code names} columns (the inputs, then the target) read as
     * {@code uses} says.
     */
    private Selected select(ColumnCensus census, List<String> names, List<ColumnType> uses, MissingPolicy policy,
                            boolean fitting) {
        List<ColumnSource> used = names.stream().map(name -> census.entry(name).source()).toList();
        List<ColumnType> types = names.stream().map(name -> census.entry(name).type()).toList();
        if (policy == MissingPolicy.ERROR) {
            List<ColumnSource> inDataOrder = new ArrayList<>();
            for (String name : data.columns()) {
                used.stream().filter(c -> c.name().equals(name)).forEach(inDataOrder::add);
            }
            RowSelection.requireNone(data, census, inDataOrder, fitting, source);
        }
        Dataset<Row> kept = policy == MissingPolicy.ERROR ? data : data.filter(RowSelection.kept(policy, used));
        FitSummary summary = FrameRows.summary(kept, used, uses);
        if (summary.rows() == 0) {
            throw MissingValues.noRowLeft(source, policy, names.get(names.size() - 1));
        }
        return new Selected(used, types, kept, summary);
    }

    private static Result result(Preprocessor preprocessor, Selected rows) {
        return new Result(preprocessor, rows.used, rows.types, rows.rows, rows.summary.rows(),
                EncodedRanges.inputs(preprocessor, rows.summary), EncodedRanges.target(preprocessor, rows.summary));
    }
}
