package dev.backprop.cli;

import dev.backprop.train.TrainingSetting;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The trials of {@code backprop tune}, in order: a grid's combinations, the last {@code --search} varying fastest, or
 * a random search's draws from one {@code new SplittableRandom(seed)}, trial by trial and setting by setting in the
 * order of the searches. The same searches and seed give the same trials, and a random search of more trials begins
 * with those of fewer, which is what lets a rerun resume, or extend, a search from its results file.
 */
final class SearchPlan implements Iterable<Map<TrainingSetting<?>, Object>> {
    /** A random search's trials when --trials is not given. */
    static final int DEFAULT_RANDOM_TRIALS = 20;

    private final List<SearchDimension> dimensions;
    private final boolean grid;
    private final int size;
    private final long seed;
    /** Whether the plan holds every combination of its grid. */
    private final boolean complete;

    private SearchPlan(List<SearchDimension> dimensions, boolean grid, int size, long seed, boolean complete) {
        this.dimensions = List.copyOf(dimensions);
        this.grid = grid;
        this.size = size;
        this.seed = seed;
        this.complete = complete;
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
     * The trials' settings, each made when it is asked for: a grid's combination from its number, a random search's by
     * drawing on, so a plan holds one trial at a time whatever its size.
     *
     * @param trials the most trials of a grid (null: all), the draws of a random search (null: 20)
     * @throws UserException if a grid lists a value twice for one setting, or has more combinations than a count can
     *                       hold and is given no --trials
     */
    static SearchPlan of(List<SearchDimension> dimensions, String strategy, Integer trials, long seed) {
        boolean grid = strategy.equals("grid");
        if (!grid) {
            return new SearchPlan(dimensions, false, trials == null ? DEFAULT_RANDOM_TRIALS : trials, seed, false);
        }
        long combinations = 1;
        for (SearchDimension dimension : dimensions) {
            List<Object> choices = dimension.choices();
            for (int i = 0; i < choices.size(); i++) {
                if (choices.indexOf(choices.get(i)) < i) {
                    throw new UserException("--search " + dimension.name() + " lists "
                            + SearchDimension.text(choices.get(i)) + " twice: a grid would train the same trial "
                            + "again; list each value once (a random search may repeat one to draw it more often)");
                }
            }
            combinations = Math.min(combinations * dimension.choices().size(), Integer.MAX_VALUE + 1L);
        }
        if (trials == null && combinations > Integer.MAX_VALUE) {
            throw new UserException("the grid of --search has more than " + String.format(Locale.ROOT, "%,d",
                    Integer.MAX_VALUE) + " combinations; give --trials N to try its first N");
        }
        return new SearchPlan(dimensions, true, (int) (trials != null ? Math.min(trials, combinations)
                : combinations), seed, trials == null || trials >= combinations);
    }

    /**
     * Whether the plan is a whole grid: every combination of its lists, each value with every value of the others (a
     * random search's draws, or a grid's first --trials, may pair a value with only some of them).
     */
    boolean complete() {
        return complete;
    }

    /** How many trials the plan holds. */
    int size() {
        return size;
    }

    /** The trials in order, made one at a time. */
    @Override
    public Iterator<Map<TrainingSetting<?>, Object>> iterator() {
        SplittableRandom random = new SplittableRandom(seed);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Map<TrainingSetting<?>, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map<TrainingSetting<?>, Object> values = grid ? combination(next) : draw(random);
                next++;
                return values;
            }
        };
    }

    /**
     * The first trial that differs from trial {@code t} (from 0) only in the values of {@code ignored}: in a grid, the
     * combination with each of their values the first of its list; in a random search, {@code t} itself (its draws
     * are not enumerated).
     *
     * @param t       a trial, from 0
     * @param ignored settings whose values do not matter to the trial
     * @return that trial's number, from 0, at most {@code t}
     */
    int alike(int t, Set<TrainingSetting<?>> ignored) {
        if (!grid) {
            return t;
        }
        long alike = 0;
        long place = 1;
        int rest = t;
        for (int d = dimensions.size() - 1; d >= 0; d--) {
            int size = dimensions.get(d).choices().size();
            int digit = rest % size;
            rest /= size;
            alike += ignored.contains(dimensions.get(d).setting()) ? 0 : digit * place;
            place = Math.min(place * size, Integer.MAX_VALUE + 1L);
        }
        return (int) alike;
    }

    /**
     * A grid's trial {@code t}: its combination number t (from 0).
     *
     * @throws IllegalStateException for a random search, whose trials are only drawn in order
     */
    Map<TrainingSetting<?>, Object> trial(int t) {
        if (!grid) {
            throw new IllegalStateException("a random search's trials are drawn in order");
        }
        return combination(t);
    }

    /** A grid's combination number {@code t} (from 0), the last search varying fastest: t's digits in mixed radix. */
    private Map<TrainingSetting<?>, Object> combination(int t) {
        Object[] chosen = new Object[dimensions.size()];
        int rest = t;
        for (int d = dimensions.size() - 1; d >= 0; d--) {
            List<Object> choices = dimensions.get(d).choices();
            chosen[d] = choices.get(rest % choices.size());
            rest /= choices.size();
        }
        Map<TrainingSetting<?>, Object> values = new LinkedHashMap<>();
        for (int d = 0; d < chosen.length; d++) {
            values.put(dimensions.get(d).setting(), chosen[d]);
        }
        return values;
    }

    /** The next draw of a random search: every search's value from {@code random}, in the order of the searches. */
    private Map<TrainingSetting<?>, Object> draw(SplittableRandom random) {
        Map<TrainingSetting<?>, Object> values = new LinkedHashMap<>();
        for (SearchDimension dimension : dimensions) {
            values.put(dimension.setting(), dimension.sample(random));
        }
        return values;
    }
}
