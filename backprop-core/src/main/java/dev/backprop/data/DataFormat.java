package dev.backprop.data;

import java.nio.file.Path;
import java.util.Locale;

/** A data file format, and which one a file name implies. */
public enum DataFormat {
    /** Delimited text with a header line; the delimiter is detected unless given. */
    CSV("csv"),
    /** Delimited text separated by tabs. */
    TSV("tsv"),
    /** Weka's Attribute-Relation File Format. */
    ARFF("arff");

    private final String id;

    DataFormat(String id) {
        this.id = id;
    }

    /**
     * The name used on the command line, e.g. {@code "arff"}.
     *
     * @return the lower-case name; {@link #fromId} maps it back to this constant
     */
    public String id() {
        return id;
    }

    /**
     * The format {@code file}'s extension names, ignoring case: {@code .arff} is ARFF, {@code .tsv} and {@code .tab}
     * are TSV, anything else (.csv, .txt, .data, none) is CSV with its delimiter detected.
     *
     * @param file a path; only its file name is read, the file need not exist
     * @return the format
     */
    public static DataFormat of(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (s.endsWith(".arff")) {
            return ARFF;
        }
        if (s.endsWith(".tsv") || s.endsWith(".tab")) {
            return TSV;
        }
        return CSV;
    }

    /**
     * The format named {@code id} (case-insensitive).
     *
     * @param id a format name such as {@code "csv"}; not null
     * @return the matching constant
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static DataFormat fromId(String id) {
        for (DataFormat f : values()) {
            if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "' (allowed: csv, tsv, arff)");
    }
}
