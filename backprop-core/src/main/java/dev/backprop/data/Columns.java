package dev.backprop.data;

/** Reads a column as the type training saw, whatever type the new file's reader inferred. */
final class Columns {
    private Columns() {
    }

    /**
     * The values of {@code column} as numbers, NaN where missing: a numeric column's own; a categorical column's
     * labels parsed (an ARFF nominal {@code {1, 2, 3}}, say).
     *
     * @throws InvalidDataException at the first row whose label is not a number, saying the column was numeric in
     *                              training
     */
    static double[] numeric(Column column, Frame frame) {
        if (column instanceof NumericColumn numeric) {
            return numeric.rawValues();
        }
        CategoricalColumn categorical = (CategoricalColumn) column;
        double[] levelValues = new double[categorical.levels().size()];
        for (int c = 0; c < levelValues.length; c++) {
            levelValues[c] = Numbers.parse(categorical.levels().get(c));
        }
        int[] codes = categorical.rawCodes();
        double[] out = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0) {
                out[i] = Double.NaN;
                continue;
            }
            double v = levelValues[codes[i]];
            if (!Double.isFinite(v)) {
                throw new InvalidDataException(frame.source(), frame.line(i), column.name(),
                        FeatureEncoder.wasNumericReason(categorical.levels().get(codes[i])));
            }
            out[i] = v;
        }
        return out;
    }
}
