package dev.backprop.spark;

import dev.backprop.data.Cells;
import dev.backprop.data.MixedColumns;
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
    static final int MISSING = Cells.Kind.MISSING.ordinal();
    static final int NUMBER = Cells.Kind.NUMBER.ordinal();
    static final int NOT_FINITE = Cells.Kind.NOT_FINITE.ordinal();
    static final int TEXT = Cells.Kind.TEXT.ordinal();

    /** A text column's cell stripped of surrounding whitespace as the reader strips it ({@link String#strip()}). */
    static final UserDefinedFunction STRIP = udf((UDF1<String, String>) raw -> raw == null ? null : raw.strip(),
            DataTypes.StringType);
    /** {@link #number} of a text column's cell. */
    static final UserDefinedFunction NUMBER_OF = udf((UDF1<String, Double>) CellFunctions::number,
            DataTypes.DoubleType);
    /** {@link #isCommaNumber} of a text column's cell. */
    static final UserDefinedFunction COMMA_NUMBER = udf((UDF1<String, Boolean>) CellFunctions::isCommaNumber,
            DataTypes.BooleanType);
    /** {@link #kind} of a text column's cell. */
    static final UserDefinedFunction KIND = udf((UDF1<String, Integer>) CellFunctions::kind, DataTypes.IntegerType);

    private CellFunctions() {
    }

    /** MISSING, NUMBER, NOT_FINITE or TEXT: the core's {@link Cells#kind}. */
    static int kind(String raw) {
        return Cells.kind(raw).ordinal();
    }

    /**
     * Whether a text column's cell, known to be text ({@link #kind} TEXT), is a number written with a comma
     * ({@link MixedColumns}).
     */
    static boolean isCommaNumber(String raw) {
        return raw != null && MixedColumns.isCommaNumber(raw.strip());
    }

    /** Whether a text column's cell is missing. */
    static boolean isMissing(String raw) {
        return Cells.kind(raw) == Cells.Kind.MISSING;
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
