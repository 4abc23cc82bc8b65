package dev.backprop.cli;

import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The trials of a search looked over before any runs: each trial's settings are made into a configuration
 * ({@link TrialSetup}), so that settings that do not work together are found now, not when their trial's turn comes.
 * Of a search of more than {@value #LOOKED_OVER} trials (a random search of two billion draws), the first
 * {@value #LOOKED_OVER}: each takes microseconds, and the search may begin without making every trial first.
 * A trial whose settings do not work together is skipped when its turn comes, with the reason; the search itself is
 * refused when nothing of what was asked could be tried: no trial works, a listed value of a whole grid works in none
 * of the trials it is in, or an option applies to none of them ({@code --momentum} where every trial's optimizer is
 * adam). A random search's draws, or a grid's first --trials, pair a value with only some of the others, so there a
 * value that works in none of them is skipped with them, and an option is refused only when no optimizer is searched.
 */
final class SearchCheck {
    /** The most trials looked over before the first runs. */
    static final int LOOKED_OVER = 100_000;

    private SearchCheck() {
    }

    /**
     * Looks over the trials of {@code plan}, one at a time (a grid's combinations are never held together), up to
     * {@value #LOOKED_OVER}.
     *
     * @param plan       the trials
     * @param dimensions the searches, whose lists' values are each checked
     * @param setup      what a trial of the given values trains
     * @throws UserException if no trial works, a listed value works in none of its trials, or an option given or
     *                       searched applies to none
     */
    static void require(SearchPlan plan, List<SearchDimension> dimensions,
                        Function<Map<TrainingSetting<?>, Object>, TrialSetup> setup) {
        List<boolean[]> seen = new ArrayList<>();
        List<boolean[]> works = new ArrayList<>();
        List<String[]> firstFailure = new ArrayList<>();
        for (SearchDimension dimension : dimensions) {
            int n = dimension.choices().size();
            seen.add(new boolean[n]);
            works.add(new boolean[n]);
            firstFailure.add(new String[n]);
        }
        // An option that applies only to some optimizers, with the first trial it does not apply to.
        Map<TrainingSetting<?>, String> neverApplied = new LinkedHashMap<>();
        Map<TrainingSetting<?>, Boolean> applied = new LinkedHashMap<>();
        String firstInvalid = null;
        int working = 0;
        int t = 0;
        for (Map<TrainingSetting<?>, Object> values : plan) {
            if (t == LOOKED_OVER) {
                break;
            }
            t++;
            TrialSetup trial = setup.apply(values);
            String failure = trial.invalid() == null ? null
                    : "trial " + t + " (" + trial.named() + "): " + trial.invalid();
            if (failure != null && firstInvalid == null) {
                firstInvalid = failure;
            }
            for (int d = 0; d < dimensions.size(); d++) {
                SearchDimension dimension = dimensions.get(d);
                if (dimension.isList()) {
                    int i = dimension.choices().indexOf(values.get(dimension.setting()));
                    seen.get(d)[i] = true;
                    works.get(d)[i] |= failure == null;
                    if (failure != null && firstFailure.get(d)[i] == null) {
                        firstFailure.get(d)[i] = failure;
                    }
                }
            }
            if (failure == null) {
                working++;
                trial.applied().keySet().forEach(setting -> applied.put(setting, true));
                trial.unused().forEach(neverApplied::putIfAbsent);
            }
        }
        if (working == 0) {
            throw new UserException((t < plan.size() ? String.format(Locale.ROOT, "none of the first %,d trials",
                    t) : "no trial") + " of this search can run: " + firstInvalid);
        }
        boolean whole = plan.complete() && t == plan.size();
        for (int d = 0; d < dimensions.size() && whole; d++) {
            SearchDimension dimension = dimensions.get(d);
            for (int i = 0; i < dimension.choices().size(); i++) {
                if (seen.get(d)[i] && !works.get(d)[i]) {
                    throw new UserException("--search " + dimension.name() + " lists "
                            + SearchDimension.text(dimension.choices().get(i)) + ", which works in none of its "
                            + "trials: " + firstFailure.get(d)[i]);
                }
            }
        }
        boolean optimizerSearched = dimensions.stream()
                .anyMatch(dimension -> dimension.setting() == TrainingSettings.OPTIMIZER);
        for (Map.Entry<TrainingSetting<?>, String> unused : neverApplied.entrySet()) {
            if (!applied.containsKey(unused.getKey()) && (whole || !optimizerSearched)) {
                throw new UserException(unused.getValue() + (working > 1 ? ": it applies in none of the " + working
                        + " trials" : "") + " (choose one with " + TrainingSettings.OPTIMIZER.option() + ")");
            }
        }
    }
}
