package dev.backprop.command;

import picocli.CommandLine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads {@code --max-time}: a number of seconds, or a number with the unit {@code s}, {@code m} or {@code h}
 * ({@code 90s}, {@code 10m}, {@code 1.5h}, {@code 600}); the result must be a positive time, at most a century.
 */
public final class TimeLimit implements CommandLine.ITypeConverter<Duration> {
    private static final BigDecimal MOST_SECONDS = BigDecimal.valueOf(100L * 365 * 24 * 3600);

    /**
     * Reads one time.
     *
     * @param text seconds, or a number with s, m or h
     * @return the time, rounded up to whole nanoseconds
     * @throws CommandLine.TypeConversionException saying what was wrong, if it is not a time in (0, 100 years]
     */
    @Override
    public Duration convert(String text) {
        String typed = text.strip().toLowerCase(Locale.ROOT);
        long unit = typed.endsWith("h") ? 3600 : typed.endsWith("m") ? 60 : 1;
        String number = typed.endsWith("h") || typed.endsWith("m") || typed.endsWith("s")
                ? typed.substring(0, typed.length() - 1) : typed;
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(number).multiply(BigDecimal.valueOf(unit));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a time: give seconds (600) or a "
                    + "number with s, m or h (90s, 10m, 1h)");
        }
        if (seconds.signum() <= 0 || seconds.compareTo(MOST_SECONDS) > 0) {
            throw new CommandLine.TypeConversionException("'" + text + "' must be a time > 0 and at most 100 years");
        }
        BigDecimal nanos = seconds.movePointRight(9).setScale(0, java.math.RoundingMode.CEILING);
        return Duration.ofNanos(nanos.longValueExact());
    }
}
