package dev.backprop.spark;

import org.apache.spark.sql.Column;

/**
 * One numeric column the network reads or predicts, before conversion: its name in the model, the expression
 * that yields it, and whether that expression is text (a CSV read without a schema) that must parse as a number.
 */
record ColumnSource(String name, Column raw, boolean text) {
}
