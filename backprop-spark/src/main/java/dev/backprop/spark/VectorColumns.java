package dev.backprop.spark;

import dev.backprop.data.ColumnNames;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;

/** An MLlib vector column as one numeric column per element. Needs spark-mllib, which every Spark ships. */
final class VectorColumns {
    private VectorColumns() {
    }

    /**
     * One source per vector element. The length comes from the column's ML attributes, or else from one aggregation
     * (the smallest and largest length, which must agree).
     */
    static List<ColumnSource> sources(Dataset<Row> data, StructField field, Column column) {
        String name = field.name();
        if (!ColumnSource.isVector(field.dataType())) {
            throw new IllegalArgumentException("column " + ColumnNames.quoted(name) + " has type "
                    + field.dataType().simpleString()
                    + ", not MLlib vectors");
        }
        AttributeGroup group = AttributeGroup.fromStructField(field);
        Column array = vector_to_array(column, "float64");
        int length = group.size();
        if (length < 0) {
            Row sizes = data.agg(min(size(array)), max(size(array))).first();
            if (sizes.isNullAt(0)) {
                throw new IllegalArgumentException("the dataset has no rows");
            }
            int shortest = sizes.getInt(0);
            int longest = sizes.getInt(1);
            if (shortest != longest) {
                throw new IllegalArgumentException("the vectors in column " + ColumnNames.quoted(name) + " have from "
                        + shortest
                        + " to " + longest + " elements; they must all have the same length");
            }
            length = longest;
        }
        List<ColumnSource> sources = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            sources.add(new ColumnSource(elementName(group, name, i), array.getItem(i), false));
        }
        return sources;
    }

    private static String elementName(AttributeGroup group, String column, int i) {
        if (group.attributes().isDefined()) {
            Attribute attribute = group.attributes().get()[i];
            if (attribute.name().isDefined()) {
                return attribute.name().get();
            }
        }
        return column + "_" + (i + 1);
    }
}
