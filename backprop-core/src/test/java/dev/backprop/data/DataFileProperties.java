package dev.backprop.data;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random CSV and ARFF files. Valid ones load with the values they were written with; damaged ones (characters
 * deleted, inserted, swapped, the text cut short) either load or are refused with a one-line
 * {@link InvalidDataException}, and nothing else is ever thrown.
 */
class DataFileProperties {
    private static final double[] SPECIAL = {0.0, -0.0, 1e-300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE, 0.1,
            1.0 / 3, 123456789.0, -2.5};
    private static final String[] NAMES = {"a", "b c", "größe", "温度", "x,y", "q\"uote", "id", "Z9"};
    private static final String[] NOMINAL = {"red", "green", "blue sky", "n'o", "1", "2.5"};

    /** A table of numbers: column count, row count and a seed for the values and how they are written. */
    record Table(int cols, int rows, long seed, boolean crlf) {
        String name(int j) {
            return NAMES[j % NAMES.length] + (j >= NAMES.length ? "_" + j : "");
        }

        double value(int i, int j) {
            SplittableRandom r = new SplittableRandom(seed * 31 + i * 1009L + j);
            return r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextDouble(-1e6, 1e6);
        }

        String label(int i, int j) {
            return NOMINAL[new SplittableRandom(seed * 17 + i * 7919L + j).nextInt(NOMINAL.length)];
        }

        /** Numbers written as Java prints them or in %e form, alternately. */
        String number(int i, int j) {
            double v = value(i, j);
            return (i + j) % 2 == 0 ? Double.toString(v) : String.format(Locale.ROOT, "%.17e", v);
        }

        String csv() {
            String eol = crlf ? "\r\n" : "\n";
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < cols; j++) {
                text.append(j == 0 ? "" : ",").append('"').append(name(j).replace("\"", "\"\"")).append('"');
            }
            text.append(eol);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    text.append(j == 0 ? "" : ",").append(number(i, j));
                }
                text.append(eol);
            }
            return text.toString();
        }

        /** Even attributes numeric, odd ones nominal. */
        String arff() {
            StringBuilder text = new StringBuilder("% generated\n@relation 'random table'\n");
            for (int j = 0; j < cols; j++) {
                text.append("@attribute '").append(name(j).replace("'", "\\'")).append("' ");
                if (j % 2 == 0) {
                    text.append("numeric\n");
                } else {
                    text.append("{red, green, 'blue sky', 'n\\'o', 1, 2.5}\n");
                }
            }
            text.append("@data\n");
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    text.append(j == 0 ? "" : ",");
                    text.append(j % 2 == 0 ? number(i, j) : "'" + label(i, j).replace("'", "\\'") + "'");
                }
                text.append('\n');
            }
            return text.toString();
        }
    }

    @Provide
    Arbitrary<Table> tables() {
        return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 30),
                Arbitraries.longs(), Arbitraries.of(true, false)).as(Table::new);
    }

    @Property(tries = 200)
    void validCsvRoundTrips(@ForAll("tables") Table table) {
        Frame frame = CsvFrameReader.read(new StringReader(table.csv()), "p.csv", ',');
        assertThat(frame.rows()).isEqualTo(table.rows());
        for (int j = 0; j < table.cols(); j++) {
            assertThat(frame.names().get(j)).isEqualTo(table.name(j));
            NumericColumn column = (NumericColumn) frame.column(table.name(j));
            for (int i = 0; i < table.rows(); i++) {
                assertThat(Double.doubleToLongBits(column.value(i)))
                        .as("row %d column %d", i, j).isEqualTo(Double.doubleToLongBits(table.value(i, j)));
            }
        }
    }

    @Property(tries = 200)
    void validArffRoundTrips(@ForAll("tables") Table table) {
        Frame frame = ArffReader.read(new StringReader(table.arff()), "p.arff");
        assertThat(frame.rows()).isEqualTo(table.rows());
        for (int j = 0; j < table.cols(); j++) {
            assertThat(frame.names().get(j)).isEqualTo(table.name(j));
            Column column = frame.column(table.name(j));
            for (int i = 0; i < table.rows(); i++) {
                if (j % 2 == 0) {
                    assertThat(Double.doubleToLongBits(((NumericColumn) column).value(i)))
                            .isEqualTo(Double.doubleToLongBits(table.value(i, j)));
                } else {
                    assertThat(column.label(i)).isEqualTo(table.label(i, j));
                }
            }
        }
    }

    @Property(tries = 500)
    void damagedCsvLoadsOrIsRefusedOnOneLine(@ForAll("tables") Table table, @ForAll long damageSeed) {
        loadsOrIsRefused(damage(table.csv(), damageSeed), true);
    }

    @Property(tries = 500)
    void damagedArffLoadsOrIsRefusedOnOneLine(@ForAll("tables") Table table, @ForAll long damageSeed) {
        loadsOrIsRefused(damage(table.arff(), damageSeed), false);
    }

    private static void loadsOrIsRefused(String text, boolean csv) {
        try {
            if (csv) {
                CsvFrameReader.read(new StringReader(text), "p.csv", null);
            } else {
                ArffReader.read(new StringReader(text), "p.arff");
            }
        } catch (InvalidDataException e) {
            assertThat(e.getMessage()).as(text).isNotBlank().doesNotContain("\n").doesNotContain("\r");
        }
    }

    /** 1 to 4 random edits: delete, insert or replace a character, swap two, or cut the text short. */
    static String damage(String text, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String alphabet = ",;\t|\"'\n\r{}%@ ?x-e.9\u0000\uFFFD\u00e9";
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && s.length() > 0; e++) {
            int at = r.nextInt(s.length());
            char c = alphabet.charAt(r.nextInt(alphabet.length()));
            switch (r.nextInt(5)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, c);
                case 2 -> s.setCharAt(at, c);
                case 3 -> {
                    int other = r.nextInt(s.length());
                    char t = s.charAt(at);
                    s.setCharAt(at, s.charAt(other));
                    s.setCharAt(other, t);
                }
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }

    @Property(tries = 50)
    void damagedTextLeavesNoOtherException(@ForAll("tables") Table table, @ForAll long damageSeed) {
        List<String> texts = new ArrayList<>(List.of(table.csv(), table.arff()));
        for (String text : texts) {
            String damaged = damage(damage(text, damageSeed), damageSeed + 1);
            loadsOrIsRefused(damaged, true);
            loadsOrIsRefused(damaged, false);
        }
    }
}
