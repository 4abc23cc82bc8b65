package dev.backprop.optim;

import dev.backprop.linalg.Gemm;

import java.util.Arrays;

/**
 * BFGS with a dense inverse Hessian approximation H (Nocedal and Wright, Numerical Optimization, 2nd ed., 2006,
 * Algorithm 6.1), the method the seed's source material trains its example with (scipy's {@code BFGS}). Each step
 * goes along d = -H ∇J with a {@link WolfeLineSearch} from α = 1, then, with s = θ_{k+1} - θ_k,
 * y = ∇J_{k+1} - ∇J_k and ρ = 1 / yᵀs, updates
 * <pre>
 *   H ← (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ
 *     = H - ρ (s (Hy)ᵀ + (Hy) sᵀ) + (ρ² yᵀHy + ρ) s sᵀ          (N&amp;W eq. 6.17, expanded; H symmetric)
 * </pre>
 * H starts as I; before the first update it is rescaled to (yᵀs / yᵀy) I (N&amp;W eq. 6.20), and the first step is
 * along -∇J from α = min(1, 1/‖∇J‖). A pair with yᵀs ≤ 0 is skipped; a direction that is not downhill, or a failed
 * search, resets H to I and retries along -∇J. Needs the full-batch objective; ignores the learning rate.
 *
 * <p>State: H, P x P doubles, so it is for small networks: at most {@value #MAX_PARAMETERS} parameters
 * ({@link Lbfgs} has no such limit). Products with H go through {@link Gemm#gemm}.
 */
public final class Bfgs implements Optimizer {
    /** The most parameters this optimizer accepts: H then takes 8 P² bytes = 32 MB. */
    public static final int MAX_PARAMETERS = 2_000;

    private double[] h = new double[0];
    private int parameterCount = -1;
    private boolean scaled;
    private int updates;
    private double[] direction;
    private double[] s;
    private double[] y;
    private double[] hy;
    private WolfeLineSearch lineSearch;

    /**
     * The number of curvature updates H has received since it was last reset.
     *
     * @return ≥ 0; 0 after {@link #init} or a reset to I
     */
    public int updates() {
        return updates;
    }

    /**
     * A copy of H, row-major P x P.
     *
     * @return a new array of P² values; changing it does not change this optimizer
     */
    public double[] inverseHessian() {
        return h.clone();
    }

    /** @throws IllegalArgumentException if there are more than {@link #MAX_PARAMETERS} parameters */
    @Override
    public void init(int parameterCount) {
        if (parameterCount > MAX_PARAMETERS) {
            throw new IllegalArgumentException("bfgs keeps a dense " + parameterCount + " x " + parameterCount
                    + " matrix; it takes at most " + MAX_PARAMETERS + " parameters but the network has "
                    + parameterCount + " (use lbfgs)");
        }
        this.parameterCount = parameterCount;
        h = new double[parameterCount * parameterCount];
        direction = new double[parameterCount];
        s = new double[parameterCount];
        y = new double[parameterCount];
        hy = new double[parameterCount];
        lineSearch = new WolfeLineSearch(parameterCount);
        resetToIdentity();
    }

    private void resetToIdentity() {
        Arrays.fill(h, 0.0);
        for (int i = 0; i < parameterCount; i++) {
            h[i * parameterCount + i] = 1.0;
        }
        scaled = false;
        updates = 0;
    }

    @Override
    public boolean needsObjective() {
        return true;
    }

    /** @throws UnsupportedOperationException always: BFGS needs the objective for its line search */
    @Override
    public double step(double[] parameters, double[] gradient) {
        throw new UnsupportedOperationException("bfgs needs the objective: call step(parameters, gradient, value, "
                + "objective)");
    }

    @Override
    public double step(double[] parameters, double[] gradient, double value, Objective objective) {
        if (parameterCount != parameters.length) {
            init(parameters.length);
        }
        boolean steepest = updates == 0;
        searchDirection(gradient);
        if (!steepest && !(WolfeLineSearch.dot(gradient, direction) < 0)) {
            resetToIdentity();
            steepest = true;
            searchDirection(gradient);
        }
        if (!(WolfeLineSearch.dot(gradient, direction) < 0)) {
            return 0.0;
        }
        double step = lineSearch.search(parameters, value, gradient, direction, initialStep(steepest, gradient),
                objective);
        if (step == 0.0 && !steepest) {
            resetToIdentity();
            searchDirection(gradient);
            step = lineSearch.search(parameters, value, gradient, direction, initialStep(true, gradient), objective);
        }
        if (step == 0.0) {
            return 0.0;
        }
        return update(parameters, gradient);
    }

    /** d = -H ∇J. */
    private void searchDirection(double[] gradient) {
        int p = parameterCount;
        Gemm.gemm(false, false, p, 1, p, h, 0, gradient, 0, 0.0, direction, 0);
        for (int i = 0; i < p; i++) {
            direction[i] = -direction[i];
        }
    }

    /** The BFGS update of H from the step just taken; returns max |sᵢ|. */
    private double update(double[] parameters, double[] oldGradient) {
        int p = parameterCount;
        double[] start = lineSearch.start();
        double[] newGradient = lineSearch.gradient();
        double largest = 0.0;
        for (int i = 0; i < p; i++) {
            s[i] = parameters[i] - start[i];
            y[i] = newGradient[i] - oldGradient[i];
            largest = Math.max(largest, Math.abs(s[i]));
        }
        double ys = WolfeLineSearch.dot(y, s);
        if (!(ys > 0) || !Double.isFinite(ys)) {
            return largest;
        }
        if (!scaled) {
            double gamma = ys / WolfeLineSearch.dot(y, y);
            for (int i = 0; i < p; i++) {
                h[i * p + i] *= gamma;
            }
            scaled = true;
        }
        double rho = 1.0 / ys;
        Gemm.gemm(false, false, p, 1, p, h, 0, y, 0, 0.0, hy, 0);
        double yHy = WolfeLineSearch.dot(y, hy);
        double ss = rho * rho * yHy + rho;
        for (int i = 0; i < p; i++) {
            int row = i * p;
            double si = s[i];
            double hyi = hy[i];
            for (int j = 0; j < p; j++) {
                h[row + j] += -rho * (si * hy[j] + hyi * s[j]) + ss * si * s[j];
            }
        }
        updates++;
        return largest;
    }

    private static double initialStep(boolean steepest, double[] gradient) {
        return steepest ? Math.min(1.0, 1.0 / Math.sqrt(WolfeLineSearch.dot(gradient, gradient))) : 1.0;
    }

    /** [scaled (0 or 1), updates, H row-major (P x P)]. */
    @Override
    public double[] state() {
        double[] state = new double[2 + h.length];
        state[0] = scaled ? 1 : 0;
        state[1] = updates;
        System.arraycopy(h, 0, state, 2, h.length);
        return state;
    }

    @Override
    public void restore(double[] state) {
        Optimizer.checkStateLength("bfgs", state, 2L + h.length);
        if (!(state[0] == 0 || state[0] == 1) || !(state[1] >= 0 && state[1] <= Integer.MAX_VALUE)
                || state[1] != Math.rint(state[1])) {
            throw new IllegalArgumentException("bfgs state: bad flags " + state[0] + ", " + state[1]);
        }
        scaled = state[0] == 1;
        updates = (int) state[1];
        System.arraycopy(state, 2, h, 0, h.length);
    }

    @Override
    public Optimizer copy() {
        Bfgs copy = new Bfgs();
        if (parameterCount >= 0) {
            copy.init(parameterCount);
            System.arraycopy(h, 0, copy.h, 0, h.length);
            copy.scaled = scaled;
            copy.updates = updates;
        }
        return copy;
    }
}
