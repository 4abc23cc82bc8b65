package dev.backprop.data;

import java.util.Comparator;

/**
 * The order in which learned categories and classes are numbered, independent of row order and locale: labels that
 * are numbers come first, by value ("2" before "10"), then the others by {@link String#compareTo} (UTF-16 code
 * units: "B" before "a").
 */
final class CategoryOrder {
    static final Comparator<String> LABELS = CategoryOrder::compare;

    private CategoryOrder() {
    }

    private static int compare(String a, String b) {
        double x = Numbers.parse(a);
        double y = Numbers.parse(b);
        boolean xNumber = Double.isFinite(x);
        boolean yNumber = Double.isFinite(y);
        if (xNumber && yNumber) {
            int c = Double.compare(x, y);
            return c != 0 ? c : a.compareTo(b);
        }
        if (xNumber != yNumber) {
            return xNumber ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
