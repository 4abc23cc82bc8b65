package dev.backprop.data;

import java.io.StringReader;

/** Small frames for tests. */
final class Frames {
    private Frames() {
    }

    /** The CSV text {@code text}, read as file "t.csv" with its delimiter detected. */
    static Frame csv(String text) {
        return CsvFrameReader.read(new StringReader(text), "t.csv", null);
    }
}
