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
}
