package dev.backprop.spark;

import dev.backprop.data.ColumnType;
import dev.backprop.data.DateFeatures;
import dev.backprop.data.InputScreen;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

/**
 * What the core's {@link InputScreen} and {@link DateFeatures} read of the text columns, found by Spark aggregations
 * (one result row reaches the driver per question): each text input's present cells, distinct values and whether
 * they are all ISO dates; and, for the date columns, whether one has a time of day. Cells are read as the CSV reader
 * names them ({@link CellFunctions#label}).
 */
final class TextColumns {
    /** Whether a cell, as the reader names it, is an ISO date: the core's {@link InputScreen#isDate}. */
    private static final UserDefinedFunction IS_DATE = udf(InputScreen::isDate);
    /** Whether an ISO date has a time of day: the core's {@link DateFeatures#hasTime}. */
    private static final UserDefinedFunction HAS_TIME = udf(DateFeatures::hasTime);
    private static final UserDefinedFunction LABEL = org.apache.spark.sql.functions.udf(
            (UDF1<String, String>) CellFunctions::label, DataTypes.StringType);

    private TextColumns() {
    }

    private static UserDefinedFunction udf(UDF1<String, Boolean> test) {
        return org.apache.spark.sql.functions.udf(test, DataTypes.BooleanType);
    }

    /**
     * The census of the text columns among {@code inputs} and {@code keep}, in that order, in one aggregation.
     *
     * @param census the columns' types and missing counts
     */
    static List<InputScreen.TextCensus> census(Dataset<Row> data, ColumnCensus census, List<String> inputs,
                                               List<String> keep) {
        List<ColumnSource> text = new ArrayList<>();
        List<String> names = new ArrayList<>(inputs);
        keep.stream().filter(name -> !names.contains(name) && census.entry(name) != null).forEach(names::add);
        for (String name : names) {
            ColumnCensus.Entry entry = census.entry(name);
            if (entry.type() == ColumnType.CATEGORICAL) {
                text.add(entry.source());
            }
        }
        if (text.isEmpty()) {
            return List.of();
        }
        List<Column> aggregates = new ArrayList<>();
        for (ColumnSource column : text) {
            Column label = label(column);
            aggregates.add(countDistinct(label));
            aggregates.add(count(when(label.isNotNull().and(not(IS_DATE.apply(label))), 1)));
        }
        Row result = data.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
                .first();
        List<InputScreen.TextCensus> out = new ArrayList<>();
        for (int j = 0; j < text.size(); j++) {
            ColumnCensus.Entry entry = census.entry(text.get(j).name());
            long present = census.rows() - entry.missing();
            out.add(new InputScreen.TextCensus(entry.source().name(), present, result.getLong(2 * j),
                    present - result.getLong(2 * j + 1)));
        }
        return out;
    }

    /** The date columns {@code dates} read as numbers: each with an hour part if one of its values has a time. */
    static DateFeatures dates(Dataset<Row> data, ColumnCensus census, List<String> dates) {
        if (dates.isEmpty()) {
            return DateFeatures.none();
        }
        List<Column> aggregates = new ArrayList<>();
        for (String name : dates) {
            Column label = label(census.entry(name).source());
            aggregates.add(max(when(label.isNotNull(), HAS_TIME.apply(label)).otherwise(lit(false))));
        }
        Row result = data.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
                .first();
        List<Boolean> withTime = new ArrayList<>();
        for (int j = 0; j < dates.size(); j++) {
            withTime.add(!result.isNullAt(j) && result.getBoolean(j));
        }
        return DateFeatures.of(dates, withTime);
    }

    /** A text column's cells as the reader names them; null where missing. */
    private static Column label(ColumnSource column) {
        return LABEL.apply(column.raw());
    }
}
