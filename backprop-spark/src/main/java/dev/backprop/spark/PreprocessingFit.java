package dev.backprop.spark;

import dev.backprop.data.ColumnRanges;
import dev.backprop.data.EncodedRanges;
import dev.backprop.data.ColumnType;
import dev.backprop.data.DateFeatures;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.FitSummary;
import dev.backprop.data.Frame;
import dev.backprop.data.InputScreen;
import dev.backprop.data.InvalidDataException;
import dev.backprop.data.MixedColumns;
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
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * The core's {@link Preprocessor} fitted on a Spark data set, as {@link Preprocessor#fit} fits it on a frame, but
 * with Spark jobs: no row reaches the driver. The {@link ColumnCensus} types the columns and counts missing cells;
 * the text inputs' census ({@link TextColumns}) finds the identifiers and dates the core's {@link InputScreen} leaves
 * out or reads as numbers; on the rows the missing-value policy keeps ({@link RowSelection}), every partition
 * computes the core's {@link FitSummary} of its rows (date columns expanded into their parts), the summaries are
 * merged, and the core fits the preprocessor from the merged one
 * ({@link Preprocessor#fit(FitSummary, PreprocessConfig, String, dev.backprop.data.DateFeatures)}). The summary
 * also gives the ranges the scalings are fitted on ({@link EncodedRanges}).
 */
final class PreprocessingFit {
    /**
     * A fitted (or given) preprocessor and what packing the rows needs.
     *
     * @param preprocessor the preprocessor
     * @param task         the task and why it was chosen
     * @param leftOut      the identifier columns left out of the inputs
     * @param used         the input columns, then the targets (a date column once, as the data holds it)
     * @param types        each used column's type in the data (how a partition's frame reads it)
     * @param selected     the rows the missing-value policy keeps
     * @param summary      those rows' summary: their count, and the classes' counts the class weights need
     * @param inputs       the encoded inputs' ranges over those rows
     * @param targets      the encoded targets' ranges
     */
    record Result(Preprocessor preprocessor, TaskChoice task, List<InputScreen.LeftOut> leftOut,
                  List<ColumnSource> used, List<ColumnType> types, Dataset<Row> selected, FitSummary summary,
                  ColumnRanges inputs, ColumnRanges targets) {
        /** The number of rows the policy keeps. */
        long rows() {
            return summary.rows();
        }
    }

    private final Dataset<Row> data;
    private final String source;

    private PreprocessingFit(Dataset<Row> data, String source) {
        this.data = data;
        this.source = source;
    }

    /**
     * Fits a preprocessor on {@code data} by {@code config}, as {@code backprop train} fits one on a file:
     * {@code screened}, it leaves out the identifier columns but those in {@code keep} and reads the date columns as
     * numbers ({@link InputScreen}); it chooses the task by the core's rule ({@link TaskChoice}). The
     * {@code categorical} columns are categories whatever they hold; an input or target not among them that is almost
     * numeric is refused by the core's {@link MixedColumns} rule, as the reader refuses it. {@code source} names the
     * data in messages (or null).
     *
     * @throws dev.backprop.data.InvalidDataException as {@link Preprocessor#fit}, in its words, without lines; for a
     *                                                column almost numeric, or a {@code categorical} name the data
     *                                                lacks
     * @throws IllegalArgumentException               for a column Spark holds in a type that is neither text nor
     *                                                numbers, or data without rows
     */
    static Result fit(Dataset<Row> data, PreprocessConfig config, boolean screened, List<String> keep,
                      Set<String> categorical, String source) {
        return new PreprocessingFit(data, source).fit(config, screened, keep, categorical);
    }

    private Result fit(PreprocessConfig asked, boolean screened, List<String> keep, Set<String> categorical) {
        List<String> columns = Arrays.asList(data.columns());
        Frame.requireColumns(source, columns, List.copyOf(categorical));
        List<String> inputs = asked.inputs(columns, source);
        List<String> wanted = new ArrayList<>(inputs);
        wanted.addAll(asked.targets());
        ColumnCensus census = census(wanted, categorical);
        wanted.stream().filter(name -> !categorical.contains(name))
                .forEach(name -> census.entry(name).requireNotMixed(source));
        keep.stream().filter(columns::contains).forEach(wanted::add);
        TaskChoice task = TaskChoice.of(asked, target -> {
            ColumnCensus.Entry entry = census.entry(target);
            return TaskChoice.of(asked.task(), target, entry.type(), () -> valueCounts(entry.source()),
                    entry.notANumber(), source);
        }, source);
        List<InputScreen.LeftOut> leftOut = List.of();
        List<String> dates = List.of();
        if (screened) {
            List<InputScreen.TextCensus> text = TextColumns.census(data, census, inputs, keep);
            leftOut = InputScreen.find(columns, inputs, text, keep, source);
            dates = InputScreen.dates(text, inputs);
        }
        List<String> ignored = new ArrayList<>(asked.ignore());
        leftOut.forEach(column -> ignored.add(column.column()));
        PreprocessConfig config = asked.withIgnore(ignored).withDates(dates)
                .withTask(asked.targets().size() == 1 ? task.task() : asked.task());
        List<String> used = new ArrayList<>(config.inputs(columns, source));
        used.addAll(config.targets());
        List<ColumnType> uses = new ArrayList<>(used.stream().map(name -> census.entry(name).type()).toList());
        for (int t = 0; t < config.targets().size(); t++) {
            uses.set(used.size() - config.targets().size() + t, task.task().targetUse());
        }
        DateFeatures dateFeatures = TextColumns.dates(data, census, dates);
        Selected rows = select(census, used, uses, config.missing(), config.targets().size(), dateFeatures, true);
        return result(Preprocessor.fit(rows.summary, config, source, dateFeatures), task, leftOut, rows);
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
     * Applies a preprocessor fitted before (a model's) to {@code data}: its columns (a date column read into its
     * parts), policy, fill values, categories and classes; only the ranges are taken from {@code data}.
     *
     * @throws dev.backprop.data.InvalidDataException as {@link Preprocessor#apply}, in its words, without lines
     */
    static Result apply(Dataset<Row> data, Preprocessor preprocessor, String source) {
        return new PreprocessingFit(data, source).apply(preprocessor);
    }

    private Result apply(Preprocessor preprocessor) {
        DateFeatures dates = preprocessor.dates();
        List<String> used = new ArrayList<>(preprocessor.inputColumns());
        used.addAll(preprocessor.target().columns());
        Frame.requireColumns(source, Arrays.asList(data.columns()), used);
        ColumnCensus census = census(used, Set.of());
        List<String> encoded = preprocessor.usedColumns();
        List<ColumnType> encodedTypes = preprocessor.usedTypes();
        List<ColumnType> uses = new ArrayList<>();
        for (String name : used) {
            // A date column is read as its text, which the preprocessor turns into its numeric parts.
            ColumnType use = dates.columns().contains(name) ? ColumnType.CATEGORICAL
                    : encodedTypes.get(encoded.indexOf(name));
            checkNumeric(census.entry(name), use);
            uses.add(use);
        }
        int targets = preprocessor.target().columns().size();
        Selected rows = select(census, used, uses, preprocessor.missing(), targets, dates, false);
        return result(preprocessor, new TaskChoice(preprocessor.target().task(), "as the starting model (--init) "
                + "has it"), List.of(), rows);
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
    private ColumnCensus census(List<String> used, Set<String> categorical) {
        List<ColumnSource> sources = new ArrayList<>();
        for (StructField field : data.schema().fields()) {
            boolean text = field.dataType().equals(DataTypes.StringType);
            if (text || field.dataType() instanceof NumericType) {
                sources.add(new ColumnSource(field.name(), ColumnSource.quoted(data, field.name()), text));
            } else if (used.contains(field.name())) {
                ColumnSource.of(data, field.name());   // throws, saying what the type is
            }
        }
        ColumnCensus census = ColumnCensus.of(data, sources, source, categorical);
        census.entries().forEach(entry -> entry.requireFinite(source));
        return census;
    }

    /** The rows the policy keeps and their summary. */
    private record Selected(List<ColumnSource> used, List<ColumnType> types, Dataset<Row> rows,
                            FitSummary summary) {
    }

    /**
     * The rows {@code policy} keeps and their summary, the {@code names} columns (the inputs, then the last
     * {@code targets} of them the targets) read as {@code uses} says, the date columns by {@code dates}.
     */
    private Selected select(ColumnCensus census, List<String> names, List<ColumnType> uses, MissingPolicy policy,
                            int targets, DateFeatures dates, boolean fitting) {
        List<ColumnSource> used = names.stream().map(name -> census.entry(name).source()).toList();
        List<ColumnType> types = names.stream().map(name -> census.entry(name).type()).toList();
        List<String> targetNames = names.subList(names.size() - targets, names.size());
        for (String target : targetNames) {
            if (fitting) {
                MissingValues.requireTargetValues(source, target, census.entry(target).missing(), census.rows());
            }
        }
        if (policy == MissingPolicy.ERROR) {
            List<ColumnSource> inDataOrder = new ArrayList<>();
            for (String name : data.columns()) {
                used.stream().filter(c -> c.name().equals(name)).forEach(inDataOrder::add);
            }
            RowSelection.requireNone(data, census, inDataOrder, targetNames, fitting, source);
        }
        Dataset<Row> kept = policy == MissingPolicy.ERROR ? data
                : data.filter(RowSelection.kept(policy, used, targets));
        FitSummary summary = FrameRows.summary(kept, used, uses, dates);
        if (summary.rows() == 0) {
            throw MissingValues.noRowLeft(source, policy, names.get(names.size() - 1));
        }
        return new Selected(used, types, kept, summary);
    }

    private static Result result(Preprocessor preprocessor, TaskChoice task, List<InputScreen.LeftOut> leftOut,
                                 Selected rows) {
        return new Result(preprocessor, task, leftOut, rows.used, rows.types, rows.rows, rows.summary,
                EncodedRanges.inputs(preprocessor, rows.summary), EncodedRanges.target(preprocessor, rows.summary));
    }
}
