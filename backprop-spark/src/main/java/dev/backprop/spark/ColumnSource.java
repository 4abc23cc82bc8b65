package dev.backprop.spark;

import dev.backprop.data.ColumnNames;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.UserDefinedType;

import java.util.ArrayList;
import java.util.List;

/**
 * One numeric column the network reads or predicts, before conversion: its name in the model, the expression
 * that yields it, and whether that expression is text (a CSV read without a schema) that must parse as a number.
 */
record ColumnSource(String name, Column raw, boolean text) {
    private static final String ML_VECTOR = "org.apache.spark.ml.linalg.Vector";
    private static final String MLLIB_VECTOR = "org.apache.spark.mllib.linalg.Vector";

    /** The columns named {@code names}, in order, each as {@link #of}. */
    static List<ColumnSource> all(Dataset<Row> data, List<String> names) {
        List<ColumnSource> sources = new ArrayList<>();
        for (String name : names) {
            sources.add(of(data, name));
        }
        return sources;
    }

    /**
     * The column named {@code name}: numeric, or text holding numbers.
     *
     * @throws IllegalArgumentException if there is no such column, or it holds vectors or another type
     */
    static ColumnSource of(Dataset<Row> data, String name) {
        DataType type = field(data, name).dataType();
        if (type instanceof NumericType) {
            return new ColumnSource(name, quoted(data, name), false);
        }
        if (type.equals(DataTypes.StringType)) {
            return new ColumnSource(name, quoted(data, name), true);
        }
        if (isVector(type)) {
            throw new IllegalArgumentException("column " + ColumnNames.quoted(name)
                    + " holds vectors: pass it as the features column "
                    + "(SparkTrainer.packVectors, or --features on the command line)");
        }
        throw new IllegalArgumentException("column " + ColumnNames.quoted(name) + " has type " + type.simpleString()
                + ": backprop-spark reads numeric and text columns");
    }

    static boolean isVector(DataType type) {
        if (type instanceof UserDefinedType<?> udt) {
            String userClass = udt.userClass().getName();
            return userClass.equals(ML_VECTOR) || userClass.equals(MLLIB_VECTOR);
        }
        return false;
    }

    static StructField field(Dataset<Row> data, String name) {
        for (StructField f : data.schema().fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw noColumn(data, name);
    }

    private static IllegalArgumentException noColumn(Dataset<Row> data, String name) {
        return new IllegalArgumentException("no column named " + ColumnNames.quoted(name) + " (columns: "
                + ColumnNames.listed(List.of(data.columns())) + ")");
    }

    /** The column named exactly {@code name}, even if it contains dots or backticks. */
    static Column quoted(Dataset<Row> data, String name) {
        return data.col("`" + name.replace("`", "``") + "`");
    }
}
