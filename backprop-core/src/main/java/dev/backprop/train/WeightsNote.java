package dev.backprop.train;

import dev.backprop.data.ClassWeights;
import dev.backprop.model.Model;
import dev.backprop.model.TrainingHistory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a model's training record notes the row weights it was trained with, beside the other settings: the class
 * weights under {@value #CLASS_KEY} (as {@link ClassWeights#id} writes them), the sample-weight column under
 * {@value #SAMPLE_KEY}. Every front end that weighs rows notes them so, so their model files agree.
 */
public final class WeightsNote {
    /** The training record's key for the class weights. */
    public static final String CLASS_KEY = "classWeight";
    /** The training record's key for the sample-weight column. */
    public static final String SAMPLE_KEY = "sampleWeight";

    private WeightsNote() {
    }

    /**
     * {@code model} with the weights noted in its training record.
     *
     * @param model        a trained model
     * @param classWeights the class weights, or null for none
     * @param column       the sample-weight column, or null for none
     * @return the model with the weights noted; {@code model} itself without weights or a training record
     */
    public static Model noted(Model model, ClassWeights classWeights, String column) {
        TrainingHistory history = model.history();
        if (classWeights == null && column == null || history == null) {
            return model;
        }
        Map<String, String> settings = new LinkedHashMap<>(history.settings());
        if (classWeights != null) {
            settings.put(CLASS_KEY, classWeights.id());
        }
        if (column != null) {
            settings.put(SAMPLE_KEY, column);
        }
        return model.withHistory(new TrainingHistory(history.stopReason(), history.epochs(), history.bestEpoch(),
                history.finalLoss(), history.lossHistory(), history.validationLossHistory(), settings));
    }
}
