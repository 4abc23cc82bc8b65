package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetEncoderTest {
    @Test
    void aCategoricalTargetMeansClassificationWithOneHotRows() {
        Frame iris = DataFiles.read(SharedData.file("iris.arff"));
        TargetEncoder target = TargetEncoder.fit(iris, "class", null);
        assertThat(target.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(target.classes()).containsExactly("Iris-setosa", "Iris-versicolor", "Iris-virginica");
        assertThat(target.outputNames()).containsExactly("class=Iris-setosa", "class=Iris-versicolor",
                "class=Iris-virginica");
        assertThat(target.classIndex("Iris-virginica")).isEqualTo(2);
        assertThat(target.classIndex("rose")).isEqualTo(-1);
        assertThat(target.className(1)).isEqualTo("Iris-versicolor");
        EncodedTarget y = target.encode(iris);
        assertThat(y.y().shape()).isEqualTo("150x3");
        assertThat(y.y().row(0)).containsExactly(1, 0, 0);
        assertThat(y.y().row(75)).containsExactly(0, 1, 0);
        assertThat(y.y().row(149)).containsExactly(0, 0, 1);
        assertThat(y.unseenClasses()).isZero();
        assertThat(target.classIndices(iris)[149]).isEqualTo(2);
    }

    @Test
    void aNumericTargetMeansRegression() {
        Frame cpu = DataFiles.read(SharedData.file("cpu.arff"));
        TargetEncoder target = TargetEncoder.fit(cpu, "class", null);
        assertThat(target.task()).isEqualTo(Task.REGRESSION);
        assertThat(target.classes()).isEmpty();
        assertThat(target.outputNames()).containsExactly("class");
        Matrix y = target.encode(cpu).y();
        assertThat(y.shape()).isEqualTo("209x1");
        assertThat(y.get(0, 0)).isEqualTo(198.0);
    }

    @Test
    void classificationOfANumericColumnUsesItsValuesAsClassesInNumericOrder() {
        Frame f = csv("y\n10\n2\n1\n2\n");
        TargetEncoder target = TargetEncoder.fit(f, "y", Task.CLASSIFICATION);
        assertThat(target.classes()).containsExactly("1", "2", "10");
        assertThat(target.encode(f).y()).isEqualTo(Matrix.of(new double[][] {{0, 0, 1}, {0, 1, 0}, {1, 0, 0},
                {0, 1, 0}}));
    }

    @Test
    void regressionOfTextIsRefused() {
        assertThatThrownBy(() -> TargetEncoder.fit(csv("y\nlow\nhigh\n"), "y", Task.REGRESSION))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 2, column 'y': regression needs a numeric target, but 'low' is not a number; "
                        + "leave the task to be inferred to classify by this column");
    }

    @Test
    void oneClassIsNotEnough() {
        assertThatThrownBy(() -> TargetEncoder.fit(csv("y\na\na\n"), "y", null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv, column 'y': classification needs at least two classes but the training data has "
                        + "only 'a'");
    }

    @Test
    void anUnseenClassIsAZeroRowAndCounted() {
        TargetEncoder target = TargetEncoder.fit(csv("y\na\nb\n"), "y", null);
        EncodedTarget y = target.encode(csv("y\nb\nc\n"));
        assertThat(y.y()).isEqualTo(Matrix.of(new double[][] {{0, 1}, {0, 0}}));
        assertThat(y.unseenClasses()).isEqualTo(1);
    }

    @Test
    void roundTripsThroughItsState() {
        TargetEncoder target = TargetEncoder.fit(DataFiles.read(SharedData.file("vote.arff")), "Class", null);
        TargetEncoder copy = TargetEncoder.of(target.column(), target.task(), target.classes());
        assertThat(copy).isEqualTo(target).hasSameHashCodeAs(target);
        assertThat(copy.toString()).isEqualTo("TargetEncoder(Class: classification {democrat, republican})");
        assertThatThrownBy(() -> TargetEncoder.of("y", Task.CLASSIFICATION, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetEncoder.of("y", Task.REGRESSION, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severalRegressionTargetsAreOneColumnOfYEach() {
        Frame f = csv("x,a,b\n1,10,0.5\n2,20,-1\n3,30,2\n");
        Preprocessor prep = Preprocessor.fit(f, PreprocessConfig.of("a").withTargets(List.of("a", "b")));
        TargetEncoder target = prep.target();
        assertThat(target.columns()).containsExactly("a", "b");
        assertThat(target.column()).isEqualTo("a");
        assertThat(target.width()).isEqualTo(2);
        assertThat(target.outputNames()).containsExactly("a", "b");
        assertThat(prep.features().columns()).containsExactly("x");
        assertThat(prep.apply(f).dataset().y()).isEqualTo(Matrix.of(new double[][] {{10, 0.5}, {20, -1}, {30, 2}}));
        assertThat(TargetEncoder.regression(List.of("a", "b"))).isEqualTo(target).hasSameHashCodeAs(target);
        assertThat(target.toString()).isEqualTo("TargetEncoder(a, b: regression)");
        assertThatThrownBy(() -> TargetEncoder.regression(List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severalTargetsAreNeverClassified() {
        assertThatThrownBy(() -> PreprocessConfig.of("a").withTargets(List.of("a", "b")).withTask(Task.CLASSIFICATION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("several targets are predicted together as numbers (regression) only");
        Frame labels = csv("x,a,b\n" + "1,1,0\n2,2,1\n".repeat(5));
        assertThatThrownBy(() -> Preprocessor.fit(labels, PreprocessConfig.of("a").withTargets(List.of("a", "b"))))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("column 'a': several targets are predicted together")
                .hasMessageContaining("(this one is classified because target 'a' holds 2 distinct whole numbers");
        assertThat(Preprocessor.fit(labels, PreprocessConfig.of("a").withTargets(List.of("a", "b"))
                .withTask(Task.REGRESSION)).target().width()).isEqualTo(2);
    }
}
