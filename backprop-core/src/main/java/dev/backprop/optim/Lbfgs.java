package dev.backprop.optim;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., 2006, Algorithms 7.4 and 7.5; Liu and
 * Nocedal, "On the limited memory BFGS method for large scale optimization", Math. Programming 45, 1989). The last
 * m pairs s = θ_{k+1} - θ_k, y = ∇J_{k+1} - ∇J_k stand in for the inverse Hessian H, and the two-loop recursion
 * gives the direction d = -H ∇J without ever forming H:
 * <pre>
 *   q ← ∇J;  for i = newest..oldest:  αᵢ = ρᵢ sᵢᵀq,  q ← q - αᵢ yᵢ          (ρᵢ = 1 / yᵢᵀsᵢ)
 *   r ← γ q,  γ = sᵀy / yᵀy of the newest pair                              (N&amp;W eq. 7.20)
 *   for i = oldest..newest:  β = ρᵢ yᵢᵀr,  r ← r + sᵢ (αᵢ - β);   d = -r
 * </pre>
 * The step along d is chosen by a {@link WolfeLineSearch} starting at α = 1 (at min(1, 1/‖∇J‖) on the first step,
 * whose direction is -∇J). A pair with sᵀy ≤ 0 is not stored; a direction that is not downhill, or a search that
 * fails, clears the memory and retries along -∇J. Needs the full-batch objective; ignores the learning rate.
 * State: the m pairs. Memory: 2 m P doubles.
 */
public final class Lbfgs implements Optimizer {
    /** N&amp;W's usual m. */
    public static final int DEFAULT_MEMORY = 10;

    private final int memory;
    private double[][] s = new double[0][];
    private double[][] y = new double[0][];
    private double[] rho = new double[0];
    private double[] alpha = new double[0];
    /** Pairs stored (≤ memory) and the ring-buffer slot of the newest. */
    private int count;
    private int newest = -1;
    private double[] direction = new double[0];
    private WolfeLineSearch lineSearch;

    /** L-BFGS keeping the last {@value #DEFAULT_MEMORY} curvature pairs. */
    public Lbfgs() {
        this(DEFAULT_MEMORY);
    }

    /**
     * @param memory m, the number of curvature pairs kept, &gt; 0
     * @throws IllegalArgumentException otherwise
     */
    public Lbfgs(int memory) {
        if (memory <= 0) {
            throw new IllegalArgumentException("memory must be > 0 but was " + memory);
        }
        this.memory = memory;
    }

    /**
     * m, the most curvature pairs (s, y) kept.
     *
     * @return m &gt; 0
     */
    public int memory() {
        return memory;
    }

    /**
     * The curvature pairs currently stored.
     *
     * @return the number of pairs in use, in [0, {@link #memory()}]
     */
    public int pairs() {
        return count;
    }

    @Override
    public void init(int parameterCount) {
        s = new double[memory][parameterCount];
        y = new double[memory][parameterCount];
        rho = new double[memory];
        alpha = new double[memory];
        direction = new double[parameterCount];
        lineSearch = new WolfeLineSearch(parameterCount);
        count = 0;
        newest = -1;
    }

    @Override
    public boolean needsObjective() {
        return true;
    }

    /** @throws UnsupportedOperationException always: L-BFGS needs the objective for its line search */
    @Override
    public double step(double[] parameters, double[] gradient) {
        throw new UnsupportedOperationException("lbfgs needs the objective: call step(parameters, gradient, value, "
                + "objective)");
    }

    @Override
    public double step(double[] parameters, double[] gradient, double value, Objective objective) {
        if (direction.length != parameters.length) {
            init(parameters.length);
        }
        boolean steepest = count == 0;
        twoLoop(gradient, direction);
        if (!steepest && !(WolfeLineSearch.dot(gradient, direction) < 0)) {
            count = 0;
            steepest = true;
            twoLoop(gradient, direction);
        }
        if (!(WolfeLineSearch.dot(gradient, direction) < 0)) {
            return 0.0;
        }
        double step = lineSearch.search(parameters, value, gradient, direction, initialStep(steepest, gradient),
                objective);
        if (step == 0.0 && !steepest) {
            count = 0;
            twoLoop(gradient, direction);
            step = lineSearch.search(parameters, value, gradient, direction, initialStep(true, gradient), objective);
        }
        if (step == 0.0) {
            return 0.0;
        }
        return remember(parameters, gradient);
    }

    /** d = -H ∇J by the two-loop recursion; d = -∇J when no pair is stored. */
    private void twoLoop(double[] gradient, double[] d) {
        int p = d.length;
        for (int j = 0; j < p; j++) {
            d[j] = gradient[j];
        }
        for (int k = 0, i = newest; k < count; k++, i = (i - 1 + memory) % memory) {
            alpha[i] = rho[i] * WolfeLineSearch.dot(s[i], d);
            axpy(-alpha[i], y[i], d);
        }
        if (count > 0) {
            double gamma = WolfeLineSearch.dot(s[newest], y[newest]) / WolfeLineSearch.dot(y[newest], y[newest]);
            for (int j = 0; j < p; j++) {
                d[j] *= gamma;
            }
        }
        for (int k = 0, i = (newest - count + 1 + memory) % memory; k < count; k++, i = (i + 1) % memory) {
            double beta = rho[i] * WolfeLineSearch.dot(y[i], d);
            axpy(alpha[i] - beta, s[i], d);
        }
        for (int j = 0; j < p; j++) {
            d[j] = -d[j];
        }
    }

    /**
     * Stores s = θ_new - θ_old, y = ∇J_new - ∇J_old in the oldest slot if sᵀy &gt; 0 (otherwise the oldest pair is
     * dropped); returns max |sᵢ|.
     */
    private double remember(double[] parameters, double[] oldGradient) {
        int slot = (newest + 1) % memory;
        double[] start = lineSearch.start();
        double[] newGradient = lineSearch.gradient();
        double largest = 0.0;
        for (int j = 0; j < parameters.length; j++) {
            s[slot][j] = parameters[j] - start[j];
            y[slot][j] = newGradient[j] - oldGradient[j];
            largest = Math.max(largest, Math.abs(s[slot][j]));
        }
        double sy = WolfeLineSearch.dot(s[slot], y[slot]);
        if (sy > 0 && Double.isFinite(sy)) {
            rho[slot] = 1.0 / sy;
            newest = slot;
            count = Math.min(count + 1, memory);
        } else {
            count = Math.min(count, memory - 1); // the slot held the oldest pair, now overwritten
        }
        return largest;
    }

    private static double initialStep(boolean steepest, double[] gradient) {
        return steepest ? Math.min(1.0, 1.0 / Math.sqrt(WolfeLineSearch.dot(gradient, gradient))) : 1.0;
    }

    /** v ← v + c u. */
    private static void axpy(double c, double[] u, double[] v) {
        for (int j = 0; j < v.length; j++) {
            v[j] += c * u[j];
        }
    }

    /**
     * [count, newest, ρ₁..ρ_m, s₁ (P values)..s_m, y₁..y_m], ring-buffer slots as stored (unused slots are zeros or
     * old pairs, which the recursion never reads).
     */
    @Override
    public double[] state() {
        int p = direction.length;
        double[] state = new double[2 + memory + 2 * memory * p];
        state[0] = count;
        state[1] = newest;
        System.arraycopy(rho, 0, state, 2, memory);
        for (int i = 0; i < memory; i++) {
            System.arraycopy(s[i], 0, state, 2 + memory + i * p, p);
            System.arraycopy(y[i], 0, state, 2 + memory + (memory + i) * p, p);
        }
        return state;
    }

    @Override
    public void restore(double[] state) {
        int p = direction.length;
        Optimizer.checkStateLength("lbfgs", state, 2 + memory + 2L * memory * p);
        if (!(state[0] >= 0 && state[0] <= memory && state[0] == Math.rint(state[0]))
                || !(state[1] >= -1 && state[1] < memory && state[1] == Math.rint(state[1]))
                || (state[0] > 0) == (state[1] < 0)) {
            throw new IllegalArgumentException("lbfgs state: pair count " + state[0] + " and newest slot " + state[1]
                    + " do not fit a memory of " + memory);
        }
        count = (int) state[0];
        newest = (int) state[1];
        System.arraycopy(state, 2, rho, 0, memory);
        for (int i = 0; i < memory; i++) {
            System.arraycopy(state, 2 + memory + i * p, s[i], 0, p);
            System.arraycopy(state, 2 + memory + (memory + i) * p, y[i], 0, p);
        }
    }

    @Override
    public Optimizer copy() {
        Lbfgs copy = new Lbfgs(memory);
        if (direction.length > 0) {
            copy.init(direction.length);
            for (int i = 0; i < memory; i++) {
                System.arraycopy(s[i], 0, copy.s[i], 0, s[i].length);
                System.arraycopy(y[i], 0, copy.y[i], 0, y[i].length);
            }
            System.arraycopy(rho, 0, copy.rho, 0, memory);
            copy.count = count;
            copy.newest = newest;
        }
        return copy;
    }
}
