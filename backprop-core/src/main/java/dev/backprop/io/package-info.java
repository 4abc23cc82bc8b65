/**
 * Model and checkpoint files: versioned JSON that reads back bit-identical numbers, written atomically so that a
 * crash leaves either the old file or the new one. Unreadable files raise
 * {@link dev.backprop.io.InvalidModelException} with a one-line message.
 */
package dev.backprop.io;
