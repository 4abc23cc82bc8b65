package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreprocessorTest {
    private static final String MIXED = "id,age,city,score,label\n"
            + "1,30,paris,1.5,yes\n"
            + "2,,berlin,2.5,no\n"
            + "3,50,,3.5,yes\n"
            + "4,40,paris,,no\n"
            + "5,20,paris,0.5,\n"
            + "6,60,rome,4.5,yes\n";

    @Test
    void byDefaultMissingCellsAreRefusedWithTheColumnCountLinesAndFlags() {
        Path vote = SharedData.file("vote.arff");
        Frame frame = DataFiles.read(vote);
        assertThatThrownBy(() -> Preprocessor.fit(frame, PreprocessConfig.of("Class")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(vote + ": line 216, column 'handicapped-infants': 12 values are missing in this column "
                        + "(lines 216, 318, 343, 357, 392, ...); so are values in 'water-project-cost-sharing' (48), "
                        + "'adoption-of-the-budget-resolution' (11), 'physician-fee-freeze' (11) and 12 more columns; "
                        + "use --missing mean to fill them with the training mean (the most frequent category in "
                        + "categorical columns), or --missing drop to drop the rows that have them");
    }

    @Test
    void meanFillsVoteWithTheModeOfEachColumn() {
        Frame vote = DataFiles.read(SharedData.file("vote.arff"));
        Preprocessor prep = Preprocessor.fit(vote, PreprocessConfig.of("Class").withMissing(MissingPolicy.MEAN));
        Prepared prepared = prep.apply(vote);
        Dataset data = prepared.dataset();
        assertThat(data.rows()).isEqualTo(435);
        assertThat(data.x().cols()).isEqualTo(32);
        assertThat(data.inputNames().subList(0, 4)).containsExactly("handicapped-infants=n",
                "handicapped-infants=y", "water-project-cost-sharing=n", "water-project-cost-sharing=y");
        assertThat(data.targetNames()).containsExactly("Class=democrat", "Class=republican");
        Imputation imputation = prep.imputation().orElseThrow();
        assertThat(imputation.modes()[0]).isEqualTo("n");
        assertThat(imputation.modes()[1]).isEqualTo("y");
        assertThat(imputation.modes()[2]).isEqualTo("y");
        // Line 216 (row 2) has '?' for handicapped-infants: filled with 'n'.
        assertThat(data.x().get(2, 0)).isEqualTo(1.0);
        assertThat(data.x().get(2, 1)).isEqualTo(0.0);
        assertThat(prepared.unseenCategories()).isEmpty();
    }

    @Test
    void dropKeepsOnlyCompleteRows() {
        Frame vote = DataFiles.read(SharedData.file("vote.arff"));
        Preprocessor prep = Preprocessor.fit(vote, PreprocessConfig.of("Class").withMissing(MissingPolicy.DROP));
        Prepared prepared = prep.apply(vote);
        assertThat(prepared.dataset().rows()).isEqualTo(232);
        assertThat(prepared.rows()).hasSize(232);
        assertThat(prep.imputation()).isEmpty();
    }

    @Test
    void mixedDataWithMissingCellsTrainsWithMean() {
        Frame frame = csv(MIXED);
        Preprocessor prep = Preprocessor.fit(frame, PreprocessConfig.of("label").withIgnore(List.of("id"))
                .withMissing(MissingPolicy.MEAN));
        assertThat(prep.inputColumns()).containsExactly("age", "city", "score");
        assertThat(prep.target().task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(prep.target().classes()).containsExactly("no", "yes");
        Prepared prepared = prep.apply(frame);
        // Row 4 (line 6) has no label: dropped. Means over the rows kept: age (30+50+40+60)/4 = 45,
        // score (1.5+2.5+3.5+4.5)/4 = 3; the mode of city is paris (2 of 4).
        assertThat(prepared.rows()).containsExactly(0, 1, 2, 3, 5);
        assertThat(prep.imputation().orElseThrow().means()).containsExactly(45, 0, 3);
        assertThat(prep.imputation().orElseThrow().modes()[1]).isEqualTo("paris");
        Dataset data = prepared.dataset();
        assertThat(data.inputNames()).containsExactly("age", "city=berlin", "city=paris", "city=rome", "score");
        assertThat(data.x()).isEqualTo(Matrix.of(new double[][] {
            {30, 0, 1, 0, 1.5},
            {45, 1, 0, 0, 2.5},
            {50, 0, 1, 0, 3.5},
            {40, 0, 1, 0, 3},
            {60, 0, 0, 1, 4.5}}));
        assertThat(data.y()).isEqualTo(Matrix.of(new double[][] {{0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}}));
        assertThat(prepared.unseenCategories()).isEmpty();
    }

    @Test
    void predictionPreparesInputsWithoutATargetAndMatchesColumnsByName() {
        Preprocessor prep = Preprocessor.fit(csv(MIXED), PreprocessConfig.of("label").withIgnore(List.of("id"))
                .withMissing(MissingPolicy.MEAN));
        EncodedInputs inputs = prep.applyInputs(csv("score,city,age\n,paris,10\n1,oslo,\n"));
        assertThat(inputs.names()).containsExactly("age", "city=berlin", "city=paris", "city=rome", "score");
        assertThat(inputs.x()).isEqualTo(Matrix.of(new double[][] {{10, 0, 1, 0, 3}, {45, 0, 0, 0, 1}}));
        assertThat(inputs.rows()).containsExactly(0, 1);
        assertThat(inputs.unseenCategories()).containsEntry("city", 1);
        assertThatThrownBy(() -> prep.applyInputs(csv("score,city\n1,paris\n")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: no column named 'age' (columns: score, city)");
    }

    @Test
    void dropAtPredictionReportsWhichRowsWereKept() {
        Preprocessor prep = Preprocessor.fit(csv("age,city,score,label\n1,paris,2,yes\n,rome,3,no\n3,rome,4,no\n"),
                PreprocessConfig.of("label").withMissing(MissingPolicy.DROP));
        assertThat(prep.apply(csv("age,city,score,label\n1,paris,2,yes\n,rome,3,no\n3,rome,4,\n")).rows())
                .containsExactly(0);
        EncodedInputs inputs = prep.applyInputs(csv("age,city,score\n1,paris,2\n,paris,3\n4,rome,5\n"));
        assertThat(inputs.rows()).containsExactly(0, 2);
        assertThat(inputs.x().rows()).isEqualTo(2);
    }

    @Test
    void aModelThatRefusesMissingCellsSaysHowToFixNewData() {
        Frame train = csv("x,y\n1,a\n2,b\n");
        Preprocessor prep = Preprocessor.fit(train, PreprocessConfig.of("y"));
        assertThatThrownBy(() -> prep.applyInputs(csv("x\n1\nNA\n")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 3, column 'x': 1 value is missing in this column (line 3); the model was "
                        + "trained with --missing error, so it cannot fill them: fill them in the file, or retrain "
                        + "with --missing mean or --missing drop");
    }

    @Test
    void ignoringColumnsDropsThem() {
        Frame iris = DataFiles.read(SharedData.file("iris.csv"));
        Preprocessor prep = Preprocessor.fit(iris, PreprocessConfig.of("species")
                .withIgnore(List.of("petal_width", "sepal_width")));
        Dataset data = prep.apply(iris).dataset();
        assertThat(data.inputNames()).containsExactly("sepal_length", "petal_length");
        assertThat(data.x().row(0)).containsExactly(5.1, 1.4);
        assertThat(data.y().cols()).isEqualTo(3);
        assertThat(prep.ignored()).containsExactly("petal_width", "sepal_width");
    }

    @Test
    void numericTargetsMeanRegressionUnlessOverridden() {
        Frame diabetes = DataFiles.read(SharedData.file("diabetes.csv"));
        Preprocessor regression = Preprocessor.fit(diabetes, PreprocessConfig.of("progression"));
        assertThat(regression.target().task()).isEqualTo(Task.REGRESSION);
        Dataset data = regression.apply(diabetes).dataset();
        assertThat(data.x().cols()).isEqualTo(10);
        assertThat(data.y().get(0, 0)).isEqualTo(151.0);
        Preprocessor classes = Preprocessor.fit(diabetes, PreprocessConfig.of("sex").withTask(Task.CLASSIFICATION));
        assertThat(classes.target().classes()).containsExactly("1", "2");
    }

    @Test
    void refusesUnknownColumnsAndNothingToLearnFrom() {
        Frame frame = csv("a,b\n1,2\n");
        assertThatThrownBy(() -> Preprocessor.fit(frame, PreprocessConfig.of("c").withIgnore(List.of("z"))))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: no columns named 'z', 'c' (columns: a, b)");
        assertThatThrownBy(() -> Preprocessor.fit(frame, PreprocessConfig.of("b").withIgnore(List.of("a"))))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: no input column is left once the target 'b' and the ignored columns are set "
                        + "aside: there is nothing to learn from");
        assertThatThrownBy(() -> PreprocessConfig.of("b").withIgnore(List.of("b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the target 'b' cannot also be ignored");
    }

    @Test
    void dropWithEveryRowIncompleteSaysSo() {
        assertThatThrownBy(() -> Preprocessor.fit(csv("a,b\n1,\n,x\n"),
                PreprocessConfig.of("b").withMissing(MissingPolicy.DROP)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: every row has a missing value, so no row is left to use");
    }

    @Test
    void aTargetWithNoValueIsRefusedUnderEveryPolicyAndAMissingOneIsNotOfferedAFill() {
        for (MissingPolicy policy : MissingPolicy.values()) {
            assertThatThrownBy(() -> Preprocessor.fit(csv("a,b\n1,\n2,\n"), PreprocessConfig.of("b")
                    .withMissing(policy)))
                    .isInstanceOf(InvalidDataException.class)
                    .hasMessage("t.csv, column 'b': the target has no value on any of the 2 rows, so there is "
                            + "nothing to learn from");
        }
        // --missing mean fills inputs only: the hint says what it does with a row that has no target
        assertThatThrownBy(() -> Preprocessor.fit(csv("a,b\n1,\n2,x\n"), PreprocessConfig.of("b")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 2, column 'b': 1 value is missing in this column (line 2); use --missing "
                        + "mean to fill missing inputs with the training mean (the most frequent category in "
                        + "categorical columns) and leave out the rows without a target, or --missing drop to drop "
                        + "the rows that have them");
    }

    @Test
    void roundTripsThroughItsParts() {
        Frame frame = csv(MIXED);
        Preprocessor prep = Preprocessor.fit(frame, PreprocessConfig.of("label").withIgnore(List.of("id"))
                .withMissing(MissingPolicy.MEAN));
        Preprocessor copy = Preprocessor.of(prep.ignored(), prep.missing(), prep.imputation().orElse(null),
                prep.features(), prep.target());
        assertThat(copy).isEqualTo(prep).hasSameHashCodeAs(prep);
        assertThat(copy.apply(frame).dataset()).isEqualTo(prep.apply(frame).dataset());
        assertThatThrownBy(() -> Preprocessor.of(List.of(), MissingPolicy.ERROR, prep.imputation().orElseThrow(),
                prep.features(), prep.target()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fitOnTrainApplyToTestAfterASplit() {
        Frame iris = DataFiles.read(SharedData.file("iris.arff"));
        Split split = Split.of(iris, "class", 0.7, 42);
        Preprocessor prep = Preprocessor.fit(split.train(iris), PreprocessConfig.of("class"));
        Dataset train = prep.apply(split.train(iris)).dataset();
        Dataset test = prep.apply(split.test(iris)).dataset();
        assertThat(train.rows()).isEqualTo(105);
        assertThat(test.rows()).isEqualTo(45);
        assertThat(train.inputNames()).isEqualTo(test.inputNames());
        double[] perClass = new double[3];
        for (int i = 0; i < test.rows(); i++) {
            for (int k = 0; k < 3; k++) {
                perClass[k] += test.y().get(i, k);
            }
        }
        assertThat(perClass).containsExactly(15, 15, 15);
    }

    @Test
    void survivesJavaSerializationWithItsStateAndEncoding() throws Exception {
        Frame frame = csv(MIXED);
        Preprocessor prep = Preprocessor.fit(frame, PreprocessConfig.of("label").withIgnore(List.of("id"))
                .withMissing(MissingPolicy.MEAN));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(prep);
        }
        Preprocessor copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Preprocessor) in.readObject();
        }
        assertThat(copy.ignored()).isEqualTo(prep.ignored());
        assertThat(copy.features().categories()).isEqualTo(prep.features().categories());
        assertThat(copy.imputation().orElseThrow().means()).isEqualTo(prep.imputation().orElseThrow().means());
        assertThat(copy.target().classes()).isEqualTo(prep.target().classes());
        assertThat(copy.apply(frame).dataset().x()).isEqualTo(prep.apply(frame).dataset().x());
        assertThat(copy.apply(frame).dataset().y()).isEqualTo(prep.apply(frame).dataset().y());
    }
}
