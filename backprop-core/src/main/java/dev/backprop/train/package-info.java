/**
 * Training: a {@link dev.backprop.train.TrainerConfig} goes into a {@link dev.backprop.train.Trainer}, which produces
 * an immutable {@link dev.backprop.train.TrainingResult}. Progress is reported through
 * {@link dev.backprop.train.TrainingListener}, runs can be paused as a {@link dev.backprop.train.Checkpoint} and
 * resumed bit-identically, and {@link dev.backprop.train.GradientCheck} compares backpropagation's gradients with
 * finite differences.
 */
package dev.backprop.train;
