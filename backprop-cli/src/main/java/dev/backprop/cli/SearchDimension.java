package dev.backprop.cli;

import dev.backprop.train.SettingKind;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One {@code --search} of {@code backprop tune}: a training setting, named as its option without the dashes, and the
 * values to try, either a list ({@code hidden=16,64,128}) or, for a number, a range sampled uniformly
 * ({@code l2=0..1e-2}) or log-uniformly ({@code learning-rate=1e-3..1e-1:log}). Values are typed as on
 * {@code train}'s command line and converted as picocli converts them there (a hidden size list as {@code 64x32}).
 * Sampled decimals are rounded to three significant digits, so the printed value is the value tried.
 *
 * @param text    the --search as typed, for the results file's spec
 * @param setting the setting searched
 * @param choices the values of a list, as the option's converted values; empty for a range
 * @param low     a range's low end
 * @param high    a range's high end
 * @param log     whether a range is sampled log-uniformly
 */
record SearchDimension(String text, TrainingSetting<?> setting, List<Object> choices, double low, double high,
                       boolean log) {
    /** Parses NAME=V1,V2,... or NAME=LOW..HIGH[:log]; the values' ranges are checked later, against the settings. */
    static SearchDimension parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new UserException("--search must be NAME=V1,V2,... or NAME=LOW..HIGH[:log] but was '" + text + "'");
        }
        String name = text.substring(0, equals).trim();
        String values = text.substring(equals + 1).trim();
        TrainingSetting<?> setting = setting(name);
        if (values.contains("..")) {
            boolean log = values.endsWith(":log");
            String range = log ? values.substring(0, values.length() - 4) : values;
            String[] ends = range.split("\\.\\.", -1);
            SettingKind kind = setting.kind();
            if (kind != SettingKind.DOUBLE && kind != SettingKind.INTEGER && kind != SettingKind.LONG
                    && kind != SettingKind.SIZES) {
                throw new UserException("--search " + name + " takes a list of values, not a range: '" + text + "'");
            }
            if (ends.length != 2) {
                throw new UserException("--search " + name + ": a range is LOW..HIGH[:log] but was '" + values + "'");
            }
            double low = number(name, ends[0]);
            double high = number(name, ends[1]);
            if (!(low <= high)) {
                throw new UserException("--search " + name + ": the range's low end " + ends[0]
                        + " must not exceed its high end " + ends[1]);
            }
            if (log && !(low > 0)) {
                throw new UserException("--search " + name + ": a :log range must be > 0 but starts at " + ends[0]);
            }
            requireRepresentable(name, kind, "low", ends[0], low);
            requireRepresentable(name, kind, "high", ends[1], high);
            return new SearchDimension(text, setting, List.of(), low, high, log);
        }
        List<Object> choices = new ArrayList<>();
        for (String value : values.split(",", -1)) {
            choices.add(convert(setting, name, value.trim()));
        }
        return new SearchDimension(text, setting, List.copyOf(choices), 0, 0, false);
    }

    /** The setting whose option is --NAME, or an error listing the names. */
    private static TrainingSetting<?> setting(String name) {
        List<String> names = new ArrayList<>();
        for (TrainingSetting<?> setting : TrainingSettings.ALL) {
            for (String option : setting.options()) {
                if (option.equals("--" + name)) {
                    return setting;
                }
            }
            names.add(setting.option().substring(2));
        }
        throw new UserException("--search names no training setting '" + name + "' (settings: "
                + String.join(", ", names) + ")");
    }

    /**
     * Refuses a range's end that a draw could not be: an infinite one, or one past the largest value of the setting's
     * whole-number type, into which a draw is rounded (and would wrap around).
     */
    private static void requireRepresentable(String name, SettingKind kind, String which, String text, double end) {
        long most = kind == SettingKind.LONG ? Long.MAX_VALUE : Integer.MAX_VALUE;
        if (kind == SettingKind.DOUBLE ? !Double.isFinite(end) : !(Math.abs(end) <= most)) {
            throw new UserException("--search " + name + ": the range's " + which + " end " + text.trim() + " is "
                    + (kind == SettingKind.DOUBLE ? "not a finite number" : "outside the whole numbers it can be, "
                    + String.format(Locale.ROOT, "±%,d", most)));
        }
    }

    private static double number(String name, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new UserException("--search " + name + ": '" + text + "' is not a number");
        }
    }

    /** A value as the option's text converts to it on train's command line. */
    private static Object convert(TrainingSetting<?> setting, String name, String value) {
        try {
            return switch (setting.kind()) {
                case SIZES -> {
                    List<Integer> sizes = new ArrayList<>();
                    for (String size : value.split("x", -1)) {
                        sizes.add(Integer.parseInt(size.trim()));
                    }
                    yield List.copyOf(sizes);
                }
                case BOOLEAN -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
                case INTEGER -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case DOUBLE -> Double.parseDouble(value);
                case ID -> value;
            };
        } catch (NumberFormatException e) {
            String expected = switch (setting.kind()) {
                case SIZES -> "layer sizes such as 64 or 64x32";
                case BOOLEAN -> "true or false";
                case INTEGER, LONG -> "a whole number";
                default -> "a number";
            };
            throw new UserException("--search " + name + ": '" + value + "' is not " + expected);
        }
    }

    /** Whether this is a list of values (a grid can enumerate it). */
    boolean isList() {
        return !choices.isEmpty();
    }

    /** The name as typed: the option without its dashes. */
    String name() {
        return setting.option().substring(2);
    }

    /** The values a check tries: every choice, or a range's two ends. */
    List<Object> extremes() {
        return isList() ? choices : List.of(value(low), value(high));
    }

    /** A value drawn from this dimension. */
    Object sample(SplittableRandom random) {
        if (isList()) {
            return choices.get(random.nextInt(choices.size()));
        }
        double u = random.nextDouble();
        double x = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
        return value(x);
    }

    /**
     * A number of the range as the setting's type: whole numbers rounded, decimals to three significant digits, or as
     * many more as keep the value inside the range (0.12345..0.12349 draws 0.12346, never 0.123).
     */
    private Object value(double x) {
        return switch (setting.kind()) {
            case INTEGER -> (int) Math.round(x);
            case LONG -> Math.round(x);
            case SIZES -> List.of((int) Math.round(x));
            default -> decimal(x);
        };
    }

    private double decimal(double x) {
        if (x == 0) {
            return 0.0;
        }
        for (int digits = 3; digits < 17; digits++) {
            double rounded = new BigDecimal(x).round(new MathContext(digits)).doubleValue();
            if (rounded >= low && rounded <= high) {
                return rounded;
            }
        }
        return x;
    }

    /** A value as train's command line types it (a flag's value as true or false). */
    static String text(Object value) {
        if (value instanceof List<?> sizes) {
            StringBuilder joined = new StringBuilder();
            for (Object size : sizes) {
                joined.append(joined.length() == 0 ? "" : ",").append(size);
            }
            return joined.toString();
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
