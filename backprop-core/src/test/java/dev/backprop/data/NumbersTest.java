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
