package dev.backprop.train;

import dev.backprop.data.DataFiles;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.ScalingMethod;
import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.Precision;
import dev.backprop.model.Model;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A trainer {@link Trainer#scalingInPlace()} scales the storage of the data it is handed instead of a copy: the same
 * model bytes, one copy of the data fewer, and the public trainer still leaves its data as it was.
 */
class ScalingInPlaceTest {
    private static final int ROWS = 60;

    /** A fresh dataset whose matrices release their storage, as the library's encoders make them; same values. */
    private static Dataset encoded() {
        return encoded(new double[ROWS * 3]);
    }

    /** The rows, their inputs written into {@code x}, which becomes the dataset's releasable storage. */
    private static Dataset encoded(double[] x) {
        SplittableRandom random = new SplittableRandom(5);
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = 10 * j + random.nextDouble() * (j + 1);
            }
            y[i] = 100 + x[i * 3] * x[i * 3 + 2] - 3 * x[i * 3 + 1];
        }
        return new Dataset(List.of("a", "b", "c"), List.of("t"), Matrix.wrapReleasable(ROWS, 3, x),
                Matrix.wrapReleasable(ROWS, 1, y));
    }

    private static TrainerConfig.Builder config() {
        return TrainerConfig.builder().hidden(4).optimizer(OptimizerType.ADAM).batchSize(16).maxEpochs(30);
    }

    @Test
    void theModelIsByteIdenticalWithAndWithoutScalingInPlace() {
        List<TrainerConfig> configs = List.of(config().build(), config().validationFraction(0.25).build(),
                config().scaling(ScalingMethod.STANDARD).build(), config().precision(Precision.FLOAT32).build());
        for (TrainerConfig config : configs) {
            String copied = ModelFile.toJson(Trainer.of(config).train(encoded()).model());
            String inPlace = ModelFile.toJson(Trainer.of(config).scalingInPlace().train(encoded()).model());
            assertThat(inPlace).as(config.toString()).isEqualTo(copied);
        }
    }

    @Test
    void trainingOnAFrameScalesTheRowsItEncodedWhereTheyLie(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("size,kind,price\n");
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < ROWS; i++) {
            double size = 20 + random.nextInt(80);
            String kind = "abc".substring(i % 3, i % 3 + 1);
            csv.append(size).append(',').append(kind).append(',').append(size * 3 + (i % 3) * 10).append('\n');
        }
        Path file = Files.writeString(dir.resolve("houses.csv"), csv);
        Frame frame = DataFiles.read(file);
        PreprocessConfig preprocessing = PreprocessConfig.of("price");
        Preprocessor preprocessor = Preprocessor.fit(frame, preprocessing);
        // What train(Frame, ...) did before: the public train on the encoded rows, which copies them to scale them.
        Model copied = Trainer.of(config().build()).train(preprocessor.apply(frame).dataset()).model()
                .withPreprocessor(preprocessor);
        Model model = Trainer.of(config().build()).train(frame, preprocessing).model();
        assertThat(ModelFile.toJson(model)).isEqualTo(ModelFile.toJson(copied));
    }

    @Test
    void scalingInPlaceWritesTheScaledRowsIntoTheDatasetsOwnStorage() {
        double[] storage = new double[ROWS * 3];
        Dataset data = encoded(storage);
        Matrix before = Matrix.of(ROWS, 3, data.x().toArray());
        Trainer.of(config().build()).scalingInPlace().train(data);
        // The storage was taken (it releases no more) and now holds the min-max scaled rows, in [0, 1].
        assertThat(data.x().release()).isNull();
        assertThat(Matrix.of(ROWS, 3, storage)).isNotEqualTo(before);
        // Read through the dataset, those values would pass for its own: the matrix refuses them.
        assertThatThrownBy(() -> data.x().get(0, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("storage was handed over");
        assertThatThrownBy(() -> data.x().toArray()).isInstanceOf(IllegalStateException.class);
        assertThat(data.x().shape()).isEqualTo(ROWS + "x3");
        for (int j = 0; j < 3; j++) {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int i = 0; i < ROWS; i++) {
                min = Math.min(min, storage[i * 3 + j]);
                max = Math.max(max, storage[i * 3 + j]);
            }
            assertThat(min).isEqualTo(0.0);
            assertThat(max).isEqualTo(1.0);
        }
    }

    @Test
    void theLibrarysTrainerKeepsItsPromiseNotToModifyTheData() {
        Dataset data = encoded();
        Matrix x = Matrix.of(ROWS, 3, data.x().toArray());
        Matrix y = Matrix.of(ROWS, 1, data.y().toArray());
        Trainer.of(config().build()).train(data);
        Trainer.of(config().validationFraction(0.25).build()).train(data);
        assertThat(data.x()).isEqualTo(x);
        assertThat(data.y()).isEqualTo(y);
        // A validation split scales the rows it selects, copies of their own: the data is left as it was even then.
        Trainer.of(config().validationFraction(0.25).build()).scalingInPlace().train(data);
        assertThat(data.x()).isEqualTo(x);
        assertThat(data.x().release()).isNotNull();
    }

    @Test
    void dataWhoseStorageMayBeSharedIsCopiedEvenWhenHandedOver() {
        Dataset encoded = encoded();
        Dataset shared = new Dataset(encoded.inputNames(), encoded.targetNames(), Matrix.of(ROWS, 3,
                encoded.x().toArray()), Matrix.of(ROWS, 1, encoded.y().toArray()));
        Matrix x = Matrix.of(ROWS, 3, shared.x().toArray());
        String inPlace = ModelFile.toJson(Trainer.of(config().build()).scalingInPlace().train(shared).model());
        assertThat(shared.x()).isEqualTo(x);
        assertThat(inPlace).isEqualTo(ModelFile.toJson(Trainer.of(config().build()).train(encoded()).model()));
    }

    @Test
    void aCheckpointNamesTheDataAsGivenNotAsScaled() {
        long fingerprint = Checkpoint.fingerprint(encoded());
        List<Checkpoint> checkpoints = new ArrayList<>();
        TrainerConfig config = config().build();
        TrainingResult whole = Trainer.of(config).train(encoded());
        Trainer.of(config.toBuilder().maxEpochs(10).build()).scalingInPlace(0).withCheckpoints(10, checkpoints::add)
                .train(encoded());
        assertThat(checkpoints).hasSize(1);
        assertThat(checkpoints.get(0).dataFingerprint()).isEqualTo(fingerprint);
        // Resumed in place from it, the run ends as the one that never stopped.
        TrainingResult resumed = Trainer.of(config).scalingInPlace(0).resume(encoded(), checkpoints.get(0));
        assertThat(ModelFile.toJson(resumed.model())).isEqualTo(ModelFile.toJson(whole.model()));
    }

    @Test
    void withCheckpointsOnlyLargeDataIsScaledInPlace() {
        // 60 x 4 values are far below 64 MiB: a run that may write a checkpoint scales a copy, and fingerprints the
        // data only if it writes one; from the given size on it scales the data where it lies.
        Dataset small = encoded();
        Trainer.of(config().build()).scalingInPlace().withCheckpoints(0, checkpoint -> { }).train(small);
        assertThat(small.x().release()).as("not taken").isNotNull();
        Dataset large = encoded();
        Trainer.of(config().build()).scalingInPlace(ROWS * 4 * Double.BYTES).withCheckpoints(0, checkpoint -> { })
                .train(large);
        assertThat(large.x().release()).as("taken").isNull();
        Dataset larger = encoded();
        Trainer.of(config().build()).scalingInPlace(ROWS * 4 * Double.BYTES + 1)
                .withCheckpoints(0, checkpoint -> { }).train(larger);
        assertThat(larger.x().release()).isNotNull();
    }

    @Test
    void theMemoryCheckBeforeEncodingCountsTheEncodedDataOnce() {
        // TrainingFootprintTest's seed run: 744 bytes with the scaled copy (18 doubles), 816 with the encoded data
        // before encoding. Scaled in place, the copy is gone: 816 - 144 = 672 bytes.
        Trainer gd = Trainer.of(TrainerConfig.builder().maxEpochs(10).build()).scalingInPlace()
                .withMemoryBudget(MemoryBudget.of(671));
        assertThatThrownBy(() -> gd.requireMemory(gd.architecture(2, 1), 3))
                .hasMessageContaining("needs 672 bytes (the encoded 3 x 3 data, weights, gradient, workspaces for "
                        + "batches of 3 rows) but");
        gd.withMemoryBudget(MemoryBudget.of(672)).requireMemory(gd.architecture(2, 1), 3);
        // With a validation split the selected rows are one copy (9 doubles) and the best weights are kept (9 more):
        // 672 + 144 = 816 bytes.
        Trainer held = Trainer.of(TrainerConfig.builder().maxEpochs(10).validationFraction(0.5).build())
                .scalingInPlace().withMemoryBudget(MemoryBudget.of(1));
        assertThatThrownBy(() -> held.requireMemory(held.architecture(2, 1), 3))
                .hasMessageContaining("needs 816 bytes (the encoded 3 x 3 data, weights, gradient, workspaces for "
                        + "batches of 3 rows, the scaled data) but");
    }
}
