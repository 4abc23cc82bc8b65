/**
 * Feed-forward networks: {@link dev.backprop.nn.LayerSpec} and {@link dev.backprop.nn.Architecture} describe the
 * structure, {@link dev.backprop.nn.Activation} and {@link dev.backprop.nn.Loss} the functions and their derivatives,
 * {@link dev.backprop.nn.Initializer} the seeded starting weights, and {@link dev.backprop.nn.Network} the immutable
 * network that training produces. All parameters live in one flat vector whose layout
 * {@link dev.backprop.nn.Architecture} defines. This package depends on {@code dev.backprop.linalg} only; the model
 * that adds preprocessing and a training record to a network lives above it, in {@code dev.backprop.model}.
 */
package dev.backprop.nn;
