package dev.backprop.spark;

import dev.backprop.data.Column;
import dev.backprop.data.ColumnType;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.NumericColumn;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The tests' Spark: one {@code local[2]} session for the whole test JVM (starting one costs seconds), bound to the
 * loopback interface, without the web UI. Spark's shutdown hook stops it when the JVM exits.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("backprop-spark tests")
                    .master("local[2]")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }

    /**
     * The core's frame as a Spark DataFrame, same names and rows: numeric columns as doubles, categorical ones as
     * text, missing cells as {@code null}.
     */
    static org.apache.spark.sql.Dataset<Row> frame(Frame frame) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : frame.columns()) {
            fields.add(DataTypes.createStructField(c.name(),
                    c.type() == ColumnType.NUMERIC ? DataTypes.DoubleType : DataTypes.StringType, true));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < frame.rows(); i++) {
            Object[] values = new Object[frame.columns().size()];
            for (int j = 0; j < values.length; j++) {
                Column c = frame.columns().get(j);
                values[j] = c.isMissing(i) ? null
                        : c instanceof NumericColumn numeric ? (Object) numeric.value(i) : c.label(i);
            }
            rows.add(RowFactory.create(values));
        }
        return session().createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
    }

    /** The core's dataset as a Spark DataFrame with one double column per input and target, same names and rows. */
    static org.apache.spark.sql.Dataset<Row> frame(Dataset data) {
        List<StructField> fields = new ArrayList<>();
        List<String> names = new ArrayList<>(data.inputNames());
        names.addAll(data.targetNames());
        for (String name : names) {
            fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, false));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.rows(); i++) {
            double[] x = data.x().row(i);
            double[] y = data.y().row(i);
            Object[] values = new Object[x.length + y.length];
            for (int j = 0; j < x.length; j++) {
                values[j] = x[j];
            }
            for (int o = 0; o < y.length; o++) {
                values[x.length + o] = y[o];
            }
            rows.add(RowFactory.create(values));
        }
        return session().createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
    }
}
