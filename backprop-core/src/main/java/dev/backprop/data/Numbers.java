package dev.backprop.data;

import com.fasterxml.jackson.core.io.NumberOutput;

import java.util.Locale;

/**
 * Locale-free reading and writing of the numbers found in data files.
 *
 * <p>A number is a plain decimal: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}. Java's own
 * parser also reads {@code 1d}, {@code 0x1p3}, {@code NaN} and {@code Infinity}; none of these counts as a number here.
 */
final class Numbers {
    /** The largest magnitude below which an integral double is written without a fraction or exponent. */
    private static final double PLAIN_INTEGER_LIMIT = 1e15;
    private static final int MAX_FAST_DIGITS = 15;
    /** 10^0 .. 10^22: every one an exact double. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};

    private Numbers() {
    }

    /**
     * The value written in {@code text}, which must already be stripped of surrounding whitespace.
     *
     * @return the value; NaN if {@code text} is not a plain decimal; ±infinity if it is one too large for a double
     */
    static double parse(String text) {
        if (!isDecimal(text)) {
            return Double.NaN;
        }
        double fast = parseShort(text);
        return Double.isNaN(fast) ? Double.parseDouble(text) : fast;
    }

    /**
     * Clinger's fast path: a decimal with at most 15 significant digits and no exponent is m / 10^k with m and 10^k
     * (k ≤ 22) exact doubles, so one correctly rounded division gives exactly what {@link Double#parseDouble} gives.
     * Returns NaN when the text is outside that case. {@code text} must satisfy {@link #isDecimal}.
     */
    private static double parseShort(String text) {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        char first = text.charAt(0);
        if (first == '+' || first == '-') {
            negative = first == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean fraction = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                fraction = true;
                continue;
            }
            if (c < '0' || c > '9' || digits >= MAX_FAST_DIGITS) {
                return Double.NaN;
            }
            if (mantissa != 0 || c != '0') {
                digits++;
            }
            mantissa = mantissa * 10 + (c - '0');
            if (fraction) {
                fractionDigits++;
            }
        }
        if (fractionDigits >= POWERS_OF_TEN.length) {
            return Double.NaN;
        }
        double v = (double) mantissa / POWERS_OF_TEN[fractionDigits];
        return negative ? -v : v;
    }

    /** Whether {@code text} spells NaN or an infinity ({@code nan}, {@code inf}, {@code -Infinity}, any case). */
    static boolean isNonFiniteLiteral(String text) {
        String s = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        s = s.toLowerCase(Locale.ROOT);
        return s.equals("nan") || s.equals("inf") || s.equals("infinity");
    }

    /** Why {@code text}, which {@link #parse} did not read as a finite number, cannot be a numeric value. */
    static String notFiniteReason(String text) {
        if (isNonFiniteLiteral(text)) {
            return "'" + abbreviate(text) + "' is not a finite number";
        }
        double v = parse(text);
        if (Double.isInfinite(v)) {
            return "'" + abbreviate(text) + "' is too large for a double (largest about 1.8e308)";
        }
        return "'" + abbreviate(text) + "' is not a number";
    }

    /**
     * The text that names a numeric value when it is used as a category: integral values below 1e15 in magnitude
     * without a fraction ({@code 3}, not {@code 3.0}), others as the shortest decimal that reads back as the value,
     * in {@link Double#toString}'s layout ({@code 0.1}, {@code 1.0E-5}). So "1", "1.0" and "1e0" all name the category
     * "1".
     *
     * <p>The shortest decimal comes from Jackson's Schubfach writer ({@code NumberOutput}), not
     * {@link Double#toString}: Java 17's sometimes writes a digit more (3.1607015940265421E17 for 3.160701594026542E17),
     * Java 19's does not, and the writer is about twice as fast; so a label is the same on every JDK.
     */
    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < PLAIN_INTEGER_LIMIT) {
            return Long.toString((long) v);
        }
        String plain = shortPlain(v);
        return plain != null ? plain : NumberOutput.toString(v, true);
    }

    /**
     * The shortest decimal of a v with 10⁻³ ≤ |v| < 10⁷ and at most 15 significant digits, in {@link Double#toString}'s
     * plain layout ({@code 0.00748737}, {@code -12.5}, {@code 3.0}), as Schubfach writes it; null for any other v. The
     * usual cell of a data file, written several times faster.
     *
     * <p>Why it is Schubfach's answer: for k = 1, 2, ... fractional digits, m = rint(|v| 10^k) is the one candidate with
     * k digits (below 10^15, a second integer within half an ulp of |v| 10^k cannot exist, and the product's rounding
     * cannot move rint off it), and m / 10^k, one correctly rounded division of exact doubles as in
     * {@link #parseShort}, equals |v| exactly when the decimal reads back as v. The first k that reads back gives the
     * fewest significant digits, since the integer part is fixed; a shorter decimal would have been found at a
     * smaller k.
     */
    static String shortPlain(double v) {
        double a = Math.abs(v);
        if (!(a >= 1e-3 && a < 1e7)) {
            return null;
        }
        for (int k = 1; k < POWERS_OF_TEN.length; k++) {
            double m = Math.rint(a * POWERS_OF_TEN[k]);
            if (m >= PLAIN_INTEGER_LIMIT) {
                return null;
            }
            if (m / POWERS_OF_TEN[k] == a) {
                return plain(v < 0, (long) m, k);
            }
        }
        return null;
    }

    /** ±m / 10^k with k ≥ 1 fractional digits, the integer part at least "0". */
    private static String plain(boolean negative, long m, int k) {
        String digits = Long.toString(m);
        StringBuilder text = new StringBuilder(k + 4);
        if (negative) {
            text.append('-');
        }
        int whole = digits.length() - k;
        if (whole <= 0) {
            text.append("0.");
            for (int z = whole; z < 0; z++) {
                text.append('0');
            }
            return text.append(digits).toString();
        }
        return text.append(digits, 0, whole).append('.').append(digits, whole, digits.length()).toString();
    }

    /** {@code text}, cut to at most 40 characters for a message. */
    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
