package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One JVM, several threads, as a Java user would share them: runs trained at the same time end with the bits each
 * gives alone, and one model predicting on many threads at once answers each as it answers one. The layers are wide
 * enough (512-row batches of 64 units) that the element-wise passes are shared with {@code Gemm}'s worker threads,
 * which every run in the JVM shares.
 */
class ConcurrentUseTest {
    private static final Dataset DATA = data(2048, 8, 21);

    private static Dataset data(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][cols];
        double[][] y = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                x[i][j] = random.nextDouble();
                s += x[i][j] * (j - 3);
            }
            y[i][0] = Math.sin(s);
        }
        return Dataset.of(Matrix.of(x), Matrix.of(y));
    }

    private static final List<TrainerConfig> CONFIGS = List.of(
            TrainerConfig.builder().hidden(64, 32).bias(true).activation(Activation.TANH).optimizer(OptimizerType.ADAM)
                    .learningRate(0.01).batchSize(512).dropout(0.1).maxEpochs(6).seed(7).build(),
            TrainerConfig.builder().hidden(64).bias(true).batchSize(512).validationFraction(0.25).maxEpochs(6)
                    .seed(8).build(),
            TrainerConfig.builder().hidden(64).bias(true).maxEpochs(6).seed(9).build());

    @Test
    void runsAtTheSameTimeGiveTheBitsOfRunsOneAtATime() throws Exception {
        List<TrainingResult> alone = new ArrayList<>();
        for (TrainerConfig config : CONFIGS) {
            alone.add(Trainer.of(config).train(DATA));
        }
        List<Callable<TrainingResult>> runs = new ArrayList<>();
        for (int k = 0; k < 2 * CONFIGS.size(); k++) {
            TrainerConfig config = CONFIGS.get(k % CONFIGS.size());
            runs.add(() -> Trainer.of(config).train(DATA));
        }
        List<Future<TrainingResult>> together = inParallel(runs);
        for (int k = 0; k < together.size(); k++) {
            ResumeTest.assertSame(together.get(k).get(), alone.get(k % CONFIGS.size()));
        }
    }

    @Test
    void oneModelPredictingOnManyThreadsAnswersEachAsItAnswersOne() throws Exception {
        Model model = Trainer.of(CONFIGS.get(0)).train(DATA).model();
        Matrix rows = data(3000, 8, 22).x();
        Matrix expected = model.predict(rows);
        List<Callable<Matrix>> calls = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            calls.add(() -> model.predict(rows));
        }
        for (Future<Matrix> answer : inParallel(calls)) {
            assertThat(answer.get()).isEqualTo(expected);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(model.predict(Matrix.of(new double[][] {rows.row(i)})).get(0, 0)).isEqualTo(expected.get(i, 0));
        }
    }

    private static <T> List<Future<T>> inParallel(List<Callable<T>> calls) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            return pool.invokeAll(calls);
        } finally {
            pool.shutdown();
        }
    }
}
