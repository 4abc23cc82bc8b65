package dev.backprop.data;

import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DateFeaturesTest {
    @Test
    void aDateIsDaysSince1970MonthAndWeekdayAndATimeAddsTheHour() {
        Frame f = csv("d,y\n2024-05-01,1\n2024-05-04T18:45:36,2\n,3\n");
        DateFeatures dates = DateFeatures.fit(f, List.of("d"));
        assertThat(dates.withTime()).containsExactly(true);
        Frame expanded = dates.expand(f);
        assertThat(expanded.names()).containsExactly("d.days", "d.month", "d.weekday", "d.hour", "y");
        long may1 = LocalDate.of(2024, 5, 1).toEpochDay();
        assertThat(may1).isEqualTo(19844);
        NumericColumn days = (NumericColumn) expanded.column("d.days");
        assertThat(days.value(0)).isEqualTo(may1);
        assertThat(days.value(1)).isCloseTo(may1 + 3 + 18.76 / 24, within(1e-12));
        assertThat(days.isMissing(2)).isTrue();
        assertThat(((NumericColumn) expanded.column("d.month")).value(1)).isEqualTo(5);
        assertThat(((NumericColumn) expanded.column("d.weekday")).value(0)).isEqualTo(DayOfWeek.WEDNESDAY.getValue());
        assertThat(((NumericColumn) expanded.column("d.weekday")).value(1)).isEqualTo(DayOfWeek.SATURDAY.getValue());
        assertThat(((NumericColumn) expanded.column("d.hour")).value(1)).isCloseTo(18.76, within(1e-12));
        assertThat(DateFeatures.fit(csv("d\n2024-05-01\n"), List.of("d")).parts(0))
                .containsExactly("d.days", "d.month", "d.weekday");
        assertThat(dates.sourceColumns(List.of("a", "d.days", "d.month", "d.weekday", "d.hour", "y")))
                .containsExactly("a", "d", "y");
    }

    @Test
    void theModelFileCarriesTheRuleSoPredictionReadsDatesTheSameWay() {
        StringBuilder text = new StringBuilder("day,y\n");
        for (int i = 0; i < 30; i++) {
            text.append(LocalDate.of(2024, 1, 1).plusDays(i * 5)).append(',').append(i % 7).append('\n');
        }
        Frame train = csv(text.toString());
        Model model = Trainer.of(TrainerConfig.builder().hidden(3).bias(true).maxEpochs(5).build())
                .train(train, PreprocessConfig.of("y").withTask(Task.REGRESSION).withDates(List.of("day"))).model();
        assertThat(model.inputs()).containsExactly("day.days", "day.month", "day.weekday");
        Model loaded = ModelFile.parse(ModelFile.toJson(model));
        assertThat(loaded.preprocessor()).isEqualTo(model.preprocessor());
        assertThat(loaded.preprocessor().dates().columns()).containsExactly("day");
        Frame fresh = csv("day\n2025-02-28\n2024-01-01\n");
        assertThat(loaded.predict(loaded.prepareInputs(fresh).x())).isEqualTo(model.predict(model.prepareInputs(fresh)
                .x()));
        assertThat(loaded.prepareInputs(fresh).x().get(0, 0)).isEqualTo(LocalDate.of(2025, 2, 28).toEpochDay());
        assertThatThrownBy(() -> loaded.prepareInputs(csv("day\n2024-01-01\n28/02/2025\n")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 3, column 'day': '28/02/2025' is not an ISO 8601 date (such as 2024-05-01 or "
                        + "2024-05-01T14:30), but this column held dates in the training data");
    }
}
