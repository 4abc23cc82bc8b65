package dev.backprop.optim;

/**
 * A line search for the strong Wolfe conditions (Nocedal and Wright, Numerical Optimization, 2nd ed., 2006,
 * Algorithms 3.5 and 3.6). Along a descent direction d from θ (slope φ'(0) = ∇f(θ)ᵀd &lt; 0) it finds a step α with
 * <pre>
 *   f(θ + α d) ≤ f(θ) + c₁ α ∇f(θ)ᵀd           (sufficient decrease, Armijo)
 *   |∇f(θ + α d)ᵀd| ≤ c₂ |∇f(θ)ᵀd|             (curvature)
 * </pre>
 * with c₁ = 1e-4 and c₂ = 0.9, the values N&amp;W recommend for quasi-Newton methods; the curvature condition makes
 * sᵀy &gt; 0, which keeps a BFGS inverse Hessian positive definite. The bracketing phase doubles α until it
 * overshoots; the zoom phase narrows the bracket by safeguarded quadratic interpolation. A non-finite f counts as
 * an overshoot. If {@value #MAX_EVALUATIONS} evaluations find no Wolfe point, the best step that satisfies
 * sufficient decrease is taken; if there is none, θ is left as it was and the search returns 0.
 *
 * <p>Legend: φ(α) = f(θ + α d), slope = φ'(α) = ∇f(θ + α d)ᵀd. Workspace is sized once per parameter count; a
 * search allocates nothing. Not thread-safe.
 */
final class WolfeLineSearch {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final int MAX_EVALUATIONS = 30;

    private final double[] start;
    private final double[] trialGradient;
    private final double[] lowGradient;
    private double[] acceptedGradient;
    private double acceptedValue;
    private int evaluations;

    private double[] parameters;
    private double[] direction;
    private Objective objective;
    private double value0;
    private double slope0;

    WolfeLineSearch(int parameterCount) {
        start = new double[parameterCount];
        trialGradient = new double[parameterCount];
        lowGradient = new double[parameterCount];
    }

    /**
     * Searches along {@code direction} from {@code parameters}. On return {@code parameters} = θ + α d (θ itself
     * when α = 0), and {@link #value()} and {@link #gradient()} hold f and ∇f there. {@code gradient} and
     * {@code direction} are not modified.
     *
     * @param value       f(θ)
     * @param gradient    ∇f(θ)
     * @param initialStep the first α to try, &gt; 0
     * @return α, or 0 if no step decreased f
     * @throws IllegalArgumentException if d is not a descent direction (∇f(θ)ᵀd ≥ 0)
     */
    double search(double[] parameters, double value, double[] gradient, double[] direction, double initialStep,
                  Objective objective) {
        this.parameters = parameters;
        this.direction = direction;
        this.objective = objective;
        this.value0 = value;
        this.slope0 = dot(gradient, direction);
        if (!(slope0 < 0)) {
            throw new IllegalArgumentException("not a descent direction: the slope along it is " + slope0);
        }
        System.arraycopy(parameters, 0, start, 0, start.length);
        System.arraycopy(gradient, 0, lowGradient, 0, lowGradient.length);
        evaluations = 0;
        double previousStep = 0.0;
        double previousValue = value;
        double previousSlope = slope0;
        double step = initialStep;
        while (evaluations < MAX_EVALUATIONS) {
            double f = evaluate(step);
            double slope = dot(trialGradient, direction);
            if (!sufficientDecrease(step, f) || (evaluations > 1 && f >= previousValue)) {
                return zoom(previousStep, previousValue, previousSlope, step, f);
            }
            if (Math.abs(slope) <= -C2 * slope0) {
                return accept(step, f, trialGradient);
            }
            if (slope >= 0) {
                System.arraycopy(trialGradient, 0, lowGradient, 0, lowGradient.length);
                return zoom(step, f, slope, previousStep, previousValue);
            }
            previousStep = step;
            previousValue = f;
            previousSlope = slope;
            System.arraycopy(trialGradient, 0, lowGradient, 0, lowGradient.length);
            step *= 2.0;
        }
        return fallBack(previousStep, previousValue);
    }

    /**
     * N&amp;W Algorithm 3.6: the bracket between α_lo (the best step so far that satisfies sufficient decrease; its
     * gradient is in {@code lowGradient}) and α_hi holds a Wolfe point; shrink it until one is found.
     */
    private double zoom(double low, double lowValue, double lowSlope, double high, double highValue) {
        while (evaluations < MAX_EVALUATIONS && Math.abs(high - low) > 1e-16 * Math.max(1.0, Math.abs(low))) {
            double step = interpolate(low, lowValue, lowSlope, high, highValue);
            double f = evaluate(step);
            double slope = dot(trialGradient, direction);
            if (!sufficientDecrease(step, f) || f >= lowValue) {
                high = step;
                highValue = f;
            } else {
                if (Math.abs(slope) <= -C2 * slope0) {
                    return accept(step, f, trialGradient);
                }
                if (slope * (high - low) >= 0) {
                    high = low;
                    highValue = lowValue;
                }
                low = step;
                lowValue = f;
                lowSlope = slope;
                System.arraycopy(trialGradient, 0, lowGradient, 0, lowGradient.length);
            }
        }
        return fallBack(low, lowValue);
    }

    /**
     * The minimiser of the quadratic through φ(lo), φ'(lo) and φ(hi), kept within the middle 80% of the bracket;
     * the midpoint when φ(hi) is not finite or the quadratic has no minimum.
     */
    private static double interpolate(double low, double lowValue, double lowSlope, double high, double highValue) {
        double width = high - low;
        double curvature = 2.0 * (highValue - lowValue - lowSlope * width);
        double t = 0.5;
        if (Double.isFinite(highValue) && curvature > 0) {
            t = -lowSlope * width / curvature;
            t = Double.isFinite(t) ? Math.min(0.9, Math.max(0.1, t)) : 0.5;
        }
        return low + t * width;
    }

    private boolean sufficientDecrease(double step, double f) {
        return f <= value0 + C1 * step * slope0;
    }

    /** θ + α d into the parameters, then f and ∇f there. */
    private double evaluate(double step) {
        for (int i = 0; i < start.length; i++) {
            parameters[i] = start[i] + step * direction[i];
        }
        evaluations++;
        return objective.valueAndGradient(parameters, trialGradient);
    }

    private double accept(double step, double f, double[] gradient) {
        acceptedValue = f;
        acceptedGradient = gradient;
        return step;
    }

    /** The best sufficient-decrease step, or back to θ with α = 0 if there is none. */
    private double fallBack(double low, double lowValue) {
        for (int i = 0; i < start.length; i++) {
            parameters[i] = low == 0.0 ? start[i] : start[i] + low * direction[i];
        }
        return accept(low, lowValue, lowGradient);
    }

    /** f at the point the last search ended on. */
    double value() {
        return acceptedValue;
    }

    /** ∇f at the point the last search ended on: a view of this object's workspace, valid until the next search. */
    double[] gradient() {
        return acceptedGradient;
    }

    /** θ where the last search started: a view, valid until the next search. */
    double[] start() {
        return start;
    }

    /** How many times the last search evaluated f. */
    int evaluations() {
        return evaluations;
    }

    static double dot(double[] u, double[] v) {
        double sum = 0.0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
