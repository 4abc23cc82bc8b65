/**
 * Training the core's networks on Apache Spark: {@link dev.backprop.spark.SparkTrainer} for a program, {@link
 * dev.backprop.spark.SparkTrain} for the command line.
 *
 * <p>How it runs: Spark aggregations fit what the command line fits on a file (column types, missing cells, the means
 * and modes of {@code --missing mean}, the one-hot categories, the target's classes, the scalings), without collecting
 * the rows; each partition is then encoded once by the core's {@code Preprocessor} into scaled, row-major blocks of up
 * to {@link dev.backprop.spark.SparkTrainer#DEFAULT_BLOCK_ROWS} rows and cached. Every iteration broadcasts θ, computes
 * the loss and its gradient on every block with the core's backpropagation and sums them with one tree aggregation in
 * partition order ({@link dev.backprop.spark.DistributedObjective}); the driver runs the core's training loop ({@link
 * dev.backprop.train.Trainer#train(dev.backprop.train.RemoteRows)}): its optimizer steps, schedule and stopping rules.
 *
 * <p>What the optimizers mean here: with sample fraction 1 (the default) every optimizer takes full-batch steps on the
 * exact objective, the same iterates as {@link dev.backprop.train.Trainer} with the whole data set as one batch, up to
 * the order of floating-point additions; lbfgs and bfgs run their line searches against it on the driver, each trial
 * point one Spark job. With a fraction f &lt; 1 ({@link dev.backprop.spark.SparkTrainer#withSampleFraction}), sgd,
 * momentum, nesterov and adam take one step per iteration on a fresh Bernoulli sample of about f n rows, scaled to
 * estimate the full-batch gradient, as MLlib's {@code GradientDescent} with {@code miniBatchFraction} does.
 */
package dev.backprop.spark;
