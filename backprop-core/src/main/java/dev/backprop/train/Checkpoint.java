package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import dev.backprop.nn.Architecture;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A training run paused: its configuration, the model at the current weights (which fixes the architecture, names,
 * scaling and preprocessing), the loop's {@link TrainingState}, a fingerprint of the data it trains on, and what the
 * application needs to continue (the CLI keeps its arguments there). Written by {@code CheckpointFile}; continued by
 * {@link Trainer#resume}. Immutable apart from the state's arrays.
 *
 * @param config          the run's configuration
 * @param model           the weights of {@code state} with the run's names, scaling and preprocessing
 * @param state           where the loop stands
 * @param dataFingerprint {@link #fingerprint(Dataset)} of the data the run trains on
 * @param context         the application's own notes, name to values
 */
public record Checkpoint(TrainerConfig config, Model model, TrainingState state, long dataFingerprint,
                         Map<String, List<String>> context) {
    /**
     * Checks that the pieces belong together; copies {@code context}.
     *
     * @param config          the run's configuration, not null
     * @param model           the model at the state's weights, not null
     * @param state           where the loop stands, not null
     * @param dataFingerprint {@link #fingerprint(Dataset)} of the training data
     * @param context         the application's notes; copied
     * @throws IllegalArgumentException if the model's parameter count differs from the state's
     */
    public Checkpoint {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        context = Map.copyOf(context);
        if (model.network().architecture().parameterCount() != state.parameters().length) {
            throw new IllegalArgumentException("the checkpoint's model has "
                    + model.network().architecture().parameterCount() + " parameters but its state has "
                    + state.parameters().length);
        }
    }

    /**
     * The same checkpoint with other application notes.
     *
     * @param other the new notes, name to values; copied
     * @return a new checkpoint; this one is unchanged
     */
    public Checkpoint withContext(Map<String, List<String>> other) {
        return new Checkpoint(config, model, state, dataFingerprint, other);
    }

    /**
     * The same checkpoint with another model (the same weights with a preprocessor attached, say).
     *
     * @param other a model with the same architecture and weights
     * @return a new checkpoint; this one is unchanged
     */
    public Checkpoint withModel(Model other) {
        return new Checkpoint(config, other, state, dataFingerprint, context);
    }

    /**
     * A 64-bit hash of every bit of the dataset's shape, inputs, targets and weights (if any) (FNV-1a over the
     * doubles' bits), so a resumed run can tell that its data changed.
     *
     * @param data the dataset; not modified
     * @return the hash; equal data gives equal hashes (NaN payloads and -0.0 included, bit for bit)
     */
    public static long fingerprint(Dataset data) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, data.x().rows());
        h = mix(h, data.x().cols());
        h = mix(h, data.y().cols());
        h = mix(h, data.x());
        h = mix(h, data.y());
        double[] weights = data.weights();
        if (weights != null) {
            for (double v : weights) {
                h = mix(h, Double.doubleToLongBits(v));
            }
        }
        return h;
    }

    /** Mixes in every element of {@code m} in row-major order, reading it in place (no copy of the data). */
    private static long mix(long h, Matrix m) {
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                h = mix(h, Double.doubleToLongBits(m.get(i, j)));
            }
        }
        return h;
    }

    /**
     * Checks that a trainer configured by {@code trainer} may continue this run on {@code data}: the same
     * configuration but for an epoch limit that may be raised, the same data (by {@link #fingerprint}), and a network
     * that fits the data's columns.
     *
     * @param trainer the resuming trainer's configuration
     * @param data    the data it resumes on; not modified
     * @return the architecture of this checkpoint's network
     * @throws IllegalArgumentException saying which of them differs
     */
    Architecture requireResumable(TrainerConfig trainer, Dataset data) {
        if (!trainer.toBuilder().maxEpochs(config.maxEpochs()).build().equals(config)) {
            throw new IllegalArgumentException("the checkpoint was made with another training configuration");
        }
        if (trainer.maxEpochs() < config.maxEpochs()) {
            throw new IllegalArgumentException("the epoch limit can be raised but not lowered: the checkpoint's run "
                    + "stops at " + config.maxEpochs() + " epochs, not " + trainer.maxEpochs());
        }
        if (fingerprint(data) != dataFingerprint) {
            throw new IllegalArgumentException("the data differs from the data the checkpoint was trained on");
        }
        Architecture architecture = model.network().architecture();
        if (architecture.inputs() != data.x().cols() || architecture.outputs() != data.y().cols()) {
            throw new IllegalArgumentException("the checkpoint's network maps " + architecture.inputs()
                    + " inputs to " + architecture.outputs() + " outputs but the data has " + data.x().cols()
                    + " inputs and " + data.y().cols() + " targets");
        }
        return architecture;
    }

    private static final long FNV_PRIME = 0x100000001b3L;
    /** P^k mod 2^64 for k in 0..8. */
    private static final long[] FNV_POWERS = new long[9];

    static {
        FNV_POWERS[0] = 1;
        for (int k = 1; k <= 8; k++) {
            FNV_POWERS[k] = FNV_POWERS[k - 1] * FNV_PRIME;
        }
    }

    /**
     * FNV-1a over the value's 8 bytes, low byte first: h ← (h ⊕ byte) P. A zero byte only multiplies by P, so the
     * zero bytes at either end (all 8 of 0.0, 6 of 1.0: most of one-hot data) are one multiplication by a power of P.
     */
    private static long mix(long h, long value) {
        int low = Long.numberOfTrailingZeros(value) >>> 3;
        if (low == 8) {
            return h * FNV_POWERS[8];
        }
        int high = Long.numberOfLeadingZeros(value) >>> 3;
        h *= FNV_POWERS[low];
        for (int b = low << 3; b < 64 - (high << 3); b += 8) {
            h = (h ^ ((value >>> b) & 0xff)) * FNV_PRIME;
        }
        return h * FNV_POWERS[high];
    }
}
