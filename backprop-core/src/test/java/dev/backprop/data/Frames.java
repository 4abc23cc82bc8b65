package dev.backprop.data;

import java.io.StringReader;

/** Small frames for tests. */
final class Frames {
    private Frames() {
    }

    /**
     * The CSV text {@code text}, read as file "t.csv" with its delimiter detected, as data is read against a model:
     * a column of numbers with some text is categorical, not refused.
     */
    static Frame csv(String text) {
        return CsvFrameReader.readWith(new StringReader(text), "t.csv", ReadOptions.DEFAULT.withMixedColumns(true));
    }
}
