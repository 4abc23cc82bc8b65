package dev.backprop.train;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which rows one evaluation of a {@link BlockObjective} reads: each row independently with probability
 * {@code fraction} (Bernoulli sampling, as Spark's {@code RDD.sample(false, fraction, seed)} and MLlib's mini-batch
 * gradient descent do), or every row when the fraction is 1. The draw for a block depends only on (seed, iteration,
 * block id), so a run is reproducible for a given split of the rows into blocks.
 *
 * @param fraction  in (0, 1]
 * @param seed      the run's seed
 * @param iteration the evaluation this sample is for
 * @serial exclude
 */
public record RowSample(double fraction, long seed, int iteration) implements Serializable {
    /** Every row. */
    public static final RowSample ALL = new RowSample(1.0, 0L, 0);

    /**
     * Whether every row is read.
     *
     * @return fraction ≥ 1
     */
    public boolean all() {
        return fraction >= 1.0;
    }

    /**
     * The random stream that decides which rows of a block are in this sample.
     *
     * @param blockId the block's {@link RowBlock#id}
     * @return a new stream
     */
    public SplittableRandom random(long blockId) {
        long s = seed;
        s = s * 0x9E3779B97F4A7C15L + iteration;
        s = s * 0x9E3779B97F4A7C15L + blockId;
        return new SplittableRandom(s);
    }
}
