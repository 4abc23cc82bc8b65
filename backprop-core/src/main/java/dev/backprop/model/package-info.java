/**
 * What training produces and a model file holds: a {@link dev.backprop.model.Model} is a network from
 * {@code dev.backprop.nn} together with the preprocessing from {@code dev.backprop.data} that turns a data file's
 * columns into its inputs and its outputs back into the target's units or classes, and the
 * {@link dev.backprop.model.TrainingHistory} of how it was trained. This package sits above {@code nn} and
 * {@code data} and below {@code train} (docs/architecture.md).
 */
package dev.backprop.model;
