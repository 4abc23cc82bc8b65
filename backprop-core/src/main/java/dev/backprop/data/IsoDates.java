package dev.backprop.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * ISO 8601 dates and times as a data file writes them: {@code 2024-03-01}, {@code 2024-03-01T14:30},
 * {@code 2024-03-01 14:30:05.250}, {@code 2024-03-01T14:30:05Z}, {@code 2024-03-01T14:30:05+02:00}. Thread-safe:
 * only static functions.
 */
final class IsoDates {
    private static final Pattern SHAPE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?)?");

    private IsoDates() {
    }

    /**
     * Whether {@code text} is an ISO 8601 date, or date and time, that exists on the calendar.
     *
     * @param text a cell's text, stripped; not null
     * @return true for {@code 2024-02-29}, false for {@code 2023-02-29}, {@code 01/03/2024} or {@code 20240301}
     */
    static boolean isDate(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return false;
        }
        String iso = text.replace(' ', 'T');
        try {
            if (iso.length() == 10) {
                LocalDate.parse(iso);
            } else if (iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
                OffsetDateTime.parse(iso);
            } else {
                LocalDateTime.parse(iso);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The numbers an ISO date or date-time stands for, its time taken as written and an offset ignored: days since
     * 1970-01-01 (the time of day as a fraction), month (1-12), day of the week (1 Monday to 7 Sunday), and hour of
     * the day (0 to 24, minutes and seconds as fractions; 0 for a date).
     *
     * @param text a cell's text for which {@link #isDate} holds
     * @return a new array {days, month, weekday, hour}
     */
    static double[] parts(String text) {
        String iso = text.replace(' ', 'T');
        LocalDateTime time;
        if (iso.length() == 10) {
            time = LocalDate.parse(iso).atStartOfDay();
        } else if (iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
            time = OffsetDateTime.parse(iso).toLocalDateTime();
        } else {
            time = LocalDateTime.parse(iso);
        }
        double hour = time.getHour() + time.getMinute() / 60.0 + (time.getSecond() + time.getNano() / 1e9) / 3600;
        return new double[] {time.toLocalDate().toEpochDay() + hour / 24, time.getMonthValue(),
                time.getDayOfWeek().getValue(), hour};
    }
}
