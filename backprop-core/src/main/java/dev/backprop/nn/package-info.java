/**
 * Feed-forward networks: {@link dev.backprop.nn.LayerSpec} and {@link dev.backprop.nn.Architecture} describe the
 * structure, {@link dev.backprop.nn.Activation} and {@link dev.backprop.nn.Loss} the functions and their derivatives,
 * {@link dev.backprop.nn.Initializer} the seeded starting weights, and {@link dev.backprop.nn.Network} and
 * {@link dev.backprop.nn.Model} the immutable results of training. All parameters live in one flat vector whose
 * layout {@link dev.backprop.nn.Architecture} defines.
 */
package dev.backprop.nn;
