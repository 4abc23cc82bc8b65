package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;

class TaskChoiceTest {
    /** A CSV column "y" holding {@code value} repeated {@code times} times for each value. */
    private static Frame repeated(int times, String... values) {
        StringBuilder text = new StringBuilder("y\n");
        for (String v : values) {
            text.append((v + "\n").repeat(times));
        }
        return csv(text.toString());
    }

    @Test
    void theBundledDigitsAreClassifiedByDefault() {
        Frame digits = DataFiles.read(SharedData.file("digits.csv"));
        TaskChoice choice = TaskChoice.of(null, digits.column("digit"));
        assertThat(choice.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(choice.line()).isEqualTo("task: classification, because target 'digit' holds 10 distinct whole "
                + "numbers, each in at least 5 rows; --task regression predicts a number");
        Preprocessor prep = Preprocessor.fit(digits, PreprocessConfig.of("digit"));
        assertThat(prep.target().task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(prep.target().classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(prep.apply(digits).dataset().y().cols()).isEqualTo(10);
    }

    @Test
    void fewWholeNumbersEachInFiveRowsAreClasses() {
        assertThat(TaskChoice.of(null, repeated(5, "0", "1").column("y")).task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(TaskChoice.of(null, repeated(5, "1.0", "2.0", "-3").column("y")).task()).isEqualTo(Task.CLASSIFICATION);
    }

    @Test
    void minusZeroIsZeroWhenCountingClasses() {
        // 0 and -0 are one class, "0", in 6 rows: the count had seen 3 distinct numbers and 0 in only 3 rows.
        Frame zeros = csv("x,y\n" + "1,0\n2,-0\n".repeat(3) + "3,1\n".repeat(5));
        assertThat(TaskChoice.of(null, zeros.column("y")).line()).isEqualTo("task: classification, because target "
                + "'y' holds 2 distinct whole numbers, each in at least 5 rows; --task regression predicts a number");
        Preprocessor prep = Preprocessor.fit(zeros, PreprocessConfig.of("y"));
        assertThat(prep.target().classes()).containsExactly("0", "1");
    }

    @Test
    void aValueInFewerThanFiveRowsKeepsTheTargetARegression() {
        TaskChoice xor = TaskChoice.of(null, repeated(4, "0", "1").column("y"));
        assertThat(xor.line()).isEqualTo("task: regression, because target 'y' holds 2 distinct whole numbers but 0 "
                + "is in only 4 rows, fewer than the 5 a class needs; --task classification treats its values as "
                + "classes");
        Frame oneRare = csv("y\n" + "1\n".repeat(9) + "2\n".repeat(9) + "3\n");
        assertThat(TaskChoice.of(null, oneRare.column("y")).reason()).contains("but 3 is in only 1 row,");
    }

    @Test
    void fractionsAndManyDistinctNumbersAreRegressed() {
        TaskChoice fractions = TaskChoice.of(null, repeated(5, "1", "1.5").column("y"));
        assertThat(fractions.task()).isEqualTo(Task.REGRESSION);
        assertThat(fractions.reason()).contains("not whole, such as 1.5");
        String[] values21 = new String[TaskChoice.MAX_CLASSES + 1];
        for (int v = 0; v < values21.length; v++) {
            values21[v] = Integer.toString(v);
        }
        TaskChoice many = TaskChoice.of(null, repeated(5, values21).column("y"));
        assertThat(many.line()).startsWith("task: regression, because target 'y' holds more than 20 distinct "
                + "numbers;");
        String[] values20 = java.util.Arrays.copyOf(values21, TaskChoice.MAX_CLASSES);
        assertThat(TaskChoice.of(null, repeated(5, values20).column("y")).task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(TaskChoice.of(null, repeated(9, "4").column("y")).reason()).contains("holds one value only");
    }

    @Test
    void missingCellsDoNotCount() {
        Frame f = csv("y\n" + "0\n".repeat(5) + "1\n".repeat(5) + "?\n\n");
        assertThat(TaskChoice.of(null, f.column("y")).task()).isEqualTo(Task.CLASSIFICATION);
    }

    @Test
    void labelsAreClassifiedAndAnAskedTaskIsKept() {
        assertThat(TaskChoice.of(null, csv("y\nlow\nhigh\n").column("y")).line())
                .isEqualTo("task: classification, because target 'y' holds labels that are not all numbers (or is "
                        + "declared categorical)");
        assertThat(TaskChoice.of(Task.REGRESSION, repeated(5, "0", "1").column("y")).line())
                .isEqualTo("task: regression, as --task asked");
    }

    @Test
    void countsFromElsewhereFollowTheSameRule() {
        assertThat(TaskChoice.of(null, "y", ColumnType.NUMERIC, Map.of(0.0, 5L, 1.0, 7L)).task())
                .isEqualTo(Task.CLASSIFICATION);
        assertThat(TaskChoice.of(null, "y", ColumnType.NUMERIC, Map.of(0.0, 5L, 1.0, 4L)).task())
                .isEqualTo(Task.REGRESSION);
    }
}
