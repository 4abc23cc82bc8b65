package dev.backprop.command;

import picocli.CommandLine.Option;

/**
 * {@code --class-weight} and {@code --sample-weight}: how much each row's term of the loss counts. Data options, like
 * {@code --target}: the weights are computed from the labelled table (a column's values; a class's share of the rows,
 * named by its label) and attached to the encoded dataset, which a checkpoint fingerprints with its weights; the model
 * file notes them beside its settings. A picocli mixin shared by every command that trains on a table.
 */
public final class WeightOptions {
    @Option(names = "--class-weight", paramLabel = "balanced|CLASS=W[,...]",
            description = "Weigh each row's loss by its class: balanced (n / (classes x rows of the class), as "
                    + "scikit-learn) or CLASS=W pairs (other classes 1).")
    String classWeight;

    @Option(names = "--sample-weight", paramLabel = "COL",
            description = "Weigh each row's loss by this numeric column (>= 0), which is read but not an input.")
    String sampleWeight;

    /**
     * The class weights asked for.
     *
     * @return {@code balanced}, {@code CLASS=W} pairs, or null for none
     */
    public String classWeight() {
        return classWeight;
    }

    /**
     * The column of row weights.
     *
     * @return the column's name, or null for none
     */
    public String sampleWeight() {
        return sampleWeight;
    }
}
