package dev.backprop.cli;

import dev.backprop.train.TrainingSetting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trials of {@code backprop tune}, in order: a grid's combinations, the last {@code --search} varying fastest, or
 * a random search's draws from one {@code new SplittableRandom(seed)}, trial by trial and setting by setting in the
 * order of the searches. The same searches and seed give the same trials, and a random search of more trials begins
 * with those of fewer, which is what lets a rerun resume, or extend, a search from its results file.
 */
final class SearchPlan {
    /** A random search's trials when --trials is not given. */
    static final int DEFAULT_RANDOM_TRIALS = 20;

    private SearchPlan() {
    }

    /** --strategy, or its default: grid when every search is a list of values, random when any is a range. */
    static String strategy(List<SearchDimension> dimensions, String asked) {
        boolean lists = dimensions.stream().allMatch(SearchDimension::isList);
        String chosen = asked != null ? asked.toLowerCase(Locale.ROOT) : lists ? "grid" : "random";
        if (!chosen.equals("grid") && !chosen.equals("random")) {
            throw new UserException("--strategy must be grid or random but was '" + asked + "'");
        }
        if (chosen.equals("grid") && !lists) {
            throw new UserException("--strategy grid needs lists of values; a range (LOW..HIGH) is searched at "
                    + "random");
        }
        return chosen;
    }

    /**
     * The trials' settings.
     *
     * @param trials the most trials of a grid (null: all), the draws of a random search (null: 20)
     */
    static List<Map<TrainingSetting<?>, Object>> trials(List<SearchDimension> dimensions, String strategy,
                                                        Integer trials, long seed) {
        List<Map<TrainingSetting<?>, Object>> plan = new ArrayList<>();
        if (strategy.equals("grid")) {
            plan.add(new LinkedHashMap<>());
            for (SearchDimension dimension : dimensions) {
                List<Map<TrainingSetting<?>, Object>> next = new ArrayList<>();
                for (Map<TrainingSetting<?>, Object> partial : plan) {
                    for (Object value : dimension.choices()) {
                        Map<TrainingSetting<?>, Object> extended = new LinkedHashMap<>(partial);
                        extended.put(dimension.setting(), value);
                        next.add(extended);
                    }
                }
                plan = next;
            }
            return trials != null && trials < plan.size() ? plan.subList(0, trials) : plan;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int t = 0; t < (trials == null ? DEFAULT_RANDOM_TRIALS : trials); t++) {
            Map<TrainingSetting<?>, Object> values = new LinkedHashMap<>();
            for (SearchDimension dimension : dimensions) {
                values.put(dimension.setting(), dimension.sample(random));
            }
            plan.add(values);
        }
        return plan;
    }
}
