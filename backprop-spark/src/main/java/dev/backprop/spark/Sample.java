package dev.backprop.spark;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which rows one iteration reads: each row independently with probability {@code fraction} (Bernoulli sampling, as
 * Spark's {@code RDD.sample(false, fraction, seed)} and MLlib's mini-batch gradient descent do), or every row when the
 * fraction is 1. The draw for a block depends only on (seed, iteration, block id), so a run is reproducible for a
 * given partitioning.
 *
 * @param fraction  in (0, 1]
 * @param seed      the run's seed
 * @param iteration the iteration this sample is for
 */
record Sample(double fraction, long seed, int iteration) implements Serializable {
    /** Every row. */
    static final Sample ALL = new Sample(1.0, 0L, 0);

    boolean all() {
        return fraction >= 1.0;
    }

    /** The random stream that decides which rows of block {@code blockId} are in this sample. */
    SplittableRandom random(long blockId) {
        long s = seed;
        s = s * 0x9E3779B97F4A7C15L + iteration;
        s = s * 0x9E3779B97F4A7C15L + blockId;
        return new SplittableRandom(s);
    }
}
