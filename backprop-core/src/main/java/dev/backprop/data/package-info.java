/**
 * Data: reading files into typed frames, and the preprocessing fitted on training data that turns them into the
 * matrices a network learns from.
 *
 * <p>The path of data, each step a small immutable value:
 * <pre>
 *   file --DataFiles.read--&gt; Frame --Split--&gt; train / test Frames
 *   train --Preprocessor.fit(PreprocessConfig)--&gt; Preprocessor (Imputation, FeatureEncoder, TargetEncoder)
 *   any Frame --Preprocessor.apply--&gt; Prepared (Dataset + warnings); --applyInputs--&gt; EncodedInputs
 * </pre>
 *
 * <ul>
 *   <li>Reading: {@link dev.backprop.data.DataFiles} picks {@link dev.backprop.data.CsvFrameReader} (FastCSV; CSV,
 *       TSV, any delimiter, detected when safe) or {@link dev.backprop.data.ArffReader} by extension
 *       ({@link dev.backprop.data.DataFormat}), overridable with {@link dev.backprop.data.ReadOptions}. Reading is one
 *       pass over the text into flat arrays: a double per numeric cell, an int code per categorical cell.</li>
 *   <li>Every problem with the data is an {@link dev.backprop.data.InvalidDataException} whose message names the
 *       file, the line and the column, and says what to do.</li>
 *   <li>Preprocessing state is plain lists and arrays with accessors and {@code of(...)} factories, so a model file
 *       can store it and rebuild an equal object.</li>
 *   <li>{@link dev.backprop.data.CsvFiles} and {@link dev.backprop.data.Table} remain for numeric-only callers.</li>
 * </ul>
 *
 * <p>Nothing here prints or depends on the default locale. Immutable classes are safe to share between threads;
 * readers are not, and each call uses its own.
 */
package dev.backprop.data;
