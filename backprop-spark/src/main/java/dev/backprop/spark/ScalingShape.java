package dev.backprop.spark;

import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;

import java.io.Serializable;

/** A {@link Scaling} in a form Spark can ship to executors, which rebuild it with {@link Scaling#of}. */
final class ScalingShape implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ScalingMethod method;
    private final double[] min;
    private final double[] max;

    private ScalingShape(ScalingMethod method, double[] min, double[] max) {
        this.method = method;
        this.min = min;
        this.max = max;
    }

    static ScalingShape of(Scaling scaling) {
        return new ScalingShape(scaling.method(), scaling.min(), scaling.max());
    }

    Scaling toScaling() {
        return Scaling.of(method, min, max);
    }
}
