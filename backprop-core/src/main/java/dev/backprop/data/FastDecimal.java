package dev.backprop.data;

/**
 * Parses a plain decimal number straight from ASCII bytes when the result is exact without big arithmetic.
 *
 * <p>A number with at most 18 significant digits and a power of ten within ±22 is m × 10^e with m < 2^53: one
 * correctly rounded product or quotient of two exact doubles (Clinger's fast path), so it equals
 * {@link Double#parseDouble}. Anything else is left to the caller (NaN).
 */
final class FastDecimal {
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};

    private FastDecimal() {
    }

    /**
     * The plain decimal {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} in {@code bytes[from, end)}
     * when Clinger's fast path gives it exactly; NaN for anything else (text, or a number the general path reads).
     * {@code from < end}; the bytes are not modified.
     */
    static double parse(byte[] bytes, int from, int end) {
        int i = from;
        boolean negative = false;
        byte c = bytes[i];
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int digits = 0;
        int scale = 0;
        for (; i < end; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            digits++;
            if (mantissa != 0 || d != 0) {
                if (++significant > 18) {
                    return Double.NaN;
                }
            }
            mantissa = mantissa * 10 + d;
        }
        if (i < end && bytes[i] == '.') {
            i++;
            for (; i < end; i++) {
                int d = bytes[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                digits++;
                scale--;
                if (mantissa != 0 || d != 0) {
                    if (++significant > 18) {
                        return Double.NaN;
                    }
                }
                mantissa = mantissa * 10 + d;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
                negativeExponent = bytes[i] == '-';
                i++;
            }
            int exponent = 0;
            int exponentDigits = 0;
            for (; i < end; i++) {
                int d = bytes[i] - '0';
                if (d < 0 || d > 9 || exponent > 100_000) {
                    return Double.NaN;
                }
                exponent = exponent * 10 + d;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        if (i != end || mantissa > MAX_EXACT_MANTISSA || scale < -22 || scale > 22) {
            return Double.NaN;
        }
        double v = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
        return negative ? -v : v;
    }
}
