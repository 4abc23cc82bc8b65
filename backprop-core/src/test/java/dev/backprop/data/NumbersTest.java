package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {
    @Test
    void readsPlainDecimalsOnly() {
        assertThat(Numbers.parse("5.1")).isEqualTo(5.1);
        assertThat(Numbers.parse("-.5")).isEqualTo(-0.5);
        assertThat(Numbers.parse("+7.")).isEqualTo(7.0);
        assertThat(Numbers.parse("1e3")).isEqualTo(1000.0);
        assertThat(Numbers.parse("-2.5E-3")).isEqualTo(-0.0025);
        assertThat(Numbers.parse("-0")).isEqualTo(-0.0);
        for (String text : new String[] {"", ".", "-", "1e", "e5", "0x10", "1d", "1f", "NaN", "Infinity", "1,5", "1 2",
            "١٢"}) {
            assertThat(Numbers.parse(text)).as(text).isNaN();
        }
        assertThat(Numbers.parse("1e400")).isInfinite();
    }

    @Test
    void theFastPathAgreesWithDoubleParseDoubleBitForBit() {
        SplittableRandom random = new SplittableRandom(12);
        for (int t = 0; t < 200_000; t++) {
            int intDigits = random.nextInt(0, 12);
            int fracDigits = random.nextInt(0, 12);
            StringBuilder sb = new StringBuilder();
            if (random.nextBoolean()) {
                sb.append(random.nextBoolean() ? '-' : '+');
            }
            for (int i = 0; i < intDigits; i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            if (fracDigits > 0 || intDigits == 0) {
                sb.append('.');
                for (int i = 0; i < Math.max(1, fracDigits); i++) {
                    sb.append((char) ('0' + random.nextInt(10)));
                }
            }
            String text = sb.toString();
            assertThat(Double.doubleToRawLongBits(Numbers.parse(text)))
                    .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }

    @Test
    void labelsNumbersWithoutNeedlessFractions() {
        assertThat(Numbers.label(3.0)).isEqualTo("3");
        assertThat(Numbers.label(-0.0)).isEqualTo("0");
        assertThat(Numbers.label(2.5)).isEqualTo("2.5");
        assertThat(Numbers.label(1e20)).isEqualTo("1.0E20");
    }

    /**
     * The fast plain writer against Schubfach (Jackson's NumberOutput, an independent implementation): decimals of 1 to
     * 17 significant digits across and just outside [10⁻³, 10⁷), random bit patterns in it, and edges.
     */
    @Test
    void shortPlainLabelsAreSchubfachsShortestDecimals() {
        SplittableRandom random = new SplittableRandom(16);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            double v;
            if (i % 4 == 3) {
                v = Double.longBitsToDouble(random.nextLong(Double.doubleToRawLongBits(9e-4),
                        Double.doubleToRawLongBits(1.1e7)));
            } else {
                int digits = 1 + random.nextInt(17);
                double scale = Math.pow(10, random.nextInt(-5, 9));
                v = Double.parseDouble(String.format(Locale.ROOT, "%." + (digits - 1) + "e",
                        random.nextDouble() * scale));
            }
            v = random.nextBoolean() ? v : -v;
            String expected = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                    : com.fasterxml.jackson.core.io.NumberOutput.toString(v, true);
            assertThat(Numbers.label(v)).as("%s", v).isEqualTo(expected);
            if (Numbers.shortPlain(v) != null) {
                fast++;
                assertThat(Numbers.shortPlain(v)).as("%s", v)
                        .isEqualTo(com.fasterxml.jackson.core.io.NumberOutput.toString(v, true));
            }
        }
        assertThat(fast).as("values written by the fast path").isGreaterThan(90_000);
        double[] edges = {1e-3, Math.nextDown(1e-3), 9999999.5, Math.nextDown(1e7), 0.1 + 0.2, 0.3, 1.0 / 3, 2.0 / 3,
            123456.7890123, 0.00748737, 999999.999999999, 5e-3, 1.5e-3, 0.001234567890123456};
        for (double v : edges) {
            assertThat(Numbers.label(v)).as("%s", v).isEqualTo(com.fasterxml.jackson.core.io.NumberOutput.toString(v,
                    true));
        }
        assertThat(Numbers.shortPlain(0.00748737)).isEqualTo("0.00748737");
        assertThat(Numbers.shortPlain(-12.5)).isEqualTo("-12.5");
        assertThat(Numbers.shortPlain(3.0)).isEqualTo("3.0");
        assertThat(Numbers.shortPlain(0.1 + 0.2)).as("17 digits: left to Schubfach").isNull();
    }

    @Test
    void parsingDoesNotDependOnTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Numbers.parse("1.5")).isEqualTo(1.5);
            assertThat(Numbers.parse("1,5")).isNaN();
            assertThat(Frames.csv("a;b\n1.5;x\n").column("a").type()).isEqualTo(ColumnType.NUMERIC);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void recognisesNonFiniteLiterals() {
        for (String text : new String[] {"NaN", "nan", "-Infinity", "+inf", "INF"}) {
            assertThat(Numbers.isNonFiniteLiteral(text)).as(text).isTrue();
        }
        assertThat(Numbers.isNonFiniteLiteral("info")).isFalse();
    }
}
