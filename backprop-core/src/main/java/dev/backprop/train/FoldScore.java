package dev.backprop.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fold's result in a cross-validation.
 *
 * @param repeat    the repetition, from 0
 * @param fold      the fold, from 0
 * @param trainRows the rows the fold's model trained on
 * @param testRows  the rows it was scored on
 * @param scores    its scores by name ({@link Scores}), in the task's order
 */
public record FoldScore(int repeat, int fold, int trainRows, int testRows, Map<String, Double> scores) {
    /**
     * Copies the scores.
     *
     * @param repeat    the repetition
     * @param fold      the fold
     * @param trainRows training rows
     * @param testRows  test rows
     * @param scores    the scores; copied in order
     */
    public FoldScore {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }
}
