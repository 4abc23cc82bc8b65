package dev.backprop.spark;

import dev.backprop.data.Cells;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.udf;

/**
 * A Spark cell read as the core's CSV reader reads a cell ({@link Cells}), as functions Spark runs on the executors:
 * text is stripped, then is missing ({@code null}, empty, {@code ?}, {@code NA}), a number, not finite (a NaN or
 * infinity literal, or too large), or text. Numeric Spark columns are read as doubles, {@code null} missing.
 */
final class CellFunctions {
    /** A cell's {@link #kind}. */
    static final int MISSING = 0;
    static final int NUMBER = 1;
    static final int NOT_FINITE = 2;
    static final int TEXT = 3;

    /** A text column's cell stripped of surrounding whitespace as the reader strips it ({@link String#strip()}). */
    static final UserDefinedFunction STRIP = udf((UDF1<String, String>) raw -> raw == null ? null : raw.strip(),
            DataTypes.StringType);
    /** {@link #number} of a text column's cell. */
    static final UserDefinedFunction NUMBER_VALUE = udf((UDF1<String, Double>) CellFunctions::number,
            DataTypes.DoubleType);
    /** {@link #kind} of a text column's cell. */
    static final UserDefinedFunction KIND = udf((UDF1<String, Integer>) CellFunctions::kind, DataTypes.IntegerType);

    private CellFunctions() {
    }

    /** MISSING, NUMBER, NOT_FINITE or TEXT. */
    static int kind(String raw) {
        if (raw == null) {
            return MISSING;
        }
        String cell = raw.strip();
        if (Cells.isMissing(cell)) {
            return MISSING;
        }
        if (Cells.isText(cell)) {
            return TEXT;
        }
        return Double.isFinite(Cells.number(cell)) ? NUMBER : NOT_FINITE;
    }

    /** Whether a text column's cell is missing. */
    static boolean isMissing(String raw) {
        return raw == null || Cells.isMissing(raw.strip());
    }

    /** The finite number a text cell holds, or {@code null} (missing, text, or not finite). */
    static Double number(String raw) {
        if (raw == null) {
            return null;
        }
        double v = Cells.number(raw.strip());
        return Double.isFinite(v) ? v : null;
    }

    /** The category a text cell names ({@link Cells#categoryLabel}), or {@code null} if missing. */
    static String label(String raw) {
        return raw == null ? null : Cells.categoryLabel(raw.strip());
    }

    /** The category a number names ({@link Cells#label}), or {@code null} if missing. */
    static String label(Double value) {
        return value == null ? null : Cells.label(value);
    }
}
