/**
 * Optimizers that move the flat parameter vector θ against ∇J(θ): gradient descent, momentum (classical and
 * Nesterov), Adam, and the line-search methods L-BFGS and BFGS, behind {@link dev.backprop.optim.Optimizer}
 * (init, step, copy, state and restore). Learning-rate schedules are in
 * {@link dev.backprop.optim.LearningRateSchedule}. Optimizers are not thread-safe; use one per training run.
 */
package dev.backprop.optim;
