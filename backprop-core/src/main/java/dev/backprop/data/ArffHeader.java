package dev.backprop.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an ARFF header one line at a time, up to its {@code @data} line: {@code @relation}, {@code @attribute NAME
 * numeric|real|integer} and {@code @attribute NAME {v1, v2, 'v 3'}}, comments and blank lines. Shared by
 * {@link ArffReader} and {@link PlainArffReader}, so both read a header the same way. Not thread-safe.
 */
final class ArffHeader {
    private final String source;
    private final List<ArffColumnBuilder> columns = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean anything;

    /** @param source names the text in messages (a file name) */
    ArffHeader(String source) {
        this.source = source;
    }

    /**
     * Reads one line of the header.
     *
     * @param text the line without its line end
     * @param line its 1-based number
     * @return whether it was the {@code @data} line, after which the rows begin
     * @throws InvalidDataException naming the line and attribute: text before the header, an unknown declaration or
     *                              type, a duplicate attribute or nominal value, {@code @data} before any attribute
     */
    boolean accept(String text, long line) {
        ArffTokenizer tokens = new ArffTokenizer(text, source, line);
        if (tokens.atEnd()) {
            return false;
        }
        anything = true;
        String keyword = tokens.token("", true, null).toLowerCase(Locale.ROOT);
        switch (keyword) {
            case "@relation" -> tokens.token("", true, null);
            case "@attribute" -> {
                ArffColumnBuilder column = attribute(tokens, line);
                if (!names.add(column.name())) {
                    throw new InvalidDataException(source, line, column.name(),
                            "an attribute of this name is already declared");
                }
                columns.add(column);
            }
            case "@data" -> {
                if (columns.isEmpty()) {
                    throw new InvalidDataException(source, line, null, "@data comes before any @attribute");
                }
                return true;
            }
            default -> throw new InvalidDataException(source, line, null, keyword.startsWith("@")
                    ? "unknown declaration '" + Numbers.abbreviate(keyword) + "' (expected @relation, @attribute "
                    + "or @data)"
                    : "expected @relation, @attribute or @data but found '" + Numbers.abbreviate(text.strip())
                    + "'; is this an ARFF file?");
        }
        return false;
    }

    /**
     * The refusal of a text that ended before its {@code @data} line.
     *
     * @param lines the number of lines the text had
     */
    InvalidDataException ended(long lines) {
        if (!anything) {
            return new InvalidDataException(source, 0, null, "is empty: expected an ARFF header and @data");
        }
        return new InvalidDataException(source, lines, null,
                "the file ends without a @data section: declare the rows after a line '@data'");
    }

    /** The declared attributes, in order, each with its builder. */
    List<ArffColumnBuilder> columns() {
        return columns;
    }

    private ArffColumnBuilder attribute(ArffTokenizer tokens, long line) {
        String name = tokens.token("{", true, null);
        if (name.isEmpty()) {
            throw new InvalidDataException(source, line, null, "@attribute needs a name and a type");
        }
        if (tokens.consume('{')) {
            List<String> values = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            if (!tokens.consume('}')) {
                do {
                    String value = tokens.token(",}", false, name);
                    if (value.isEmpty() && !tokens.lastQuoted()) {
                        throw new InvalidDataException(source, line, name, "a nominal value in the list is empty");
                    }
                    if (!seen.add(value)) {
                        throw new InvalidDataException(source, line, name, "the nominal value '" + value
                                + "' is declared twice");
                    }
                    values.add(value);
                } while (tokens.consume(','));
                if (!tokens.consume('}')) {
                    throw new InvalidDataException(source, line, name,
                            "the list of nominal values is not closed with '}'");
                }
            }
            if (values.isEmpty()) {
                throw new InvalidDataException(source, line, name, "the nominal attribute declares no values");
            }
            requireEnd(tokens, line, name);
            return new ArffColumnBuilder(name, values);
        }
        String type = tokens.token("", true, name).toLowerCase(Locale.ROOT);
        switch (type) {
            case "numeric", "real", "integer" -> {
                requireEnd(tokens, line, name);
                return new ArffColumnBuilder(name, null);
            }
            case "string", "date", "relational" -> throw new InvalidDataException(source, line, name, "is a " + type
                    + " attribute, which backprop cannot learn from; delete the attribute and its values, or declare "
                    + "it nominal with its values listed: {a, b, c}");
            case "" -> throw new InvalidDataException(source, line, name, "the attribute has no type");
            default -> throw new InvalidDataException(source, line, name, "unknown attribute type '"
                    + Numbers.abbreviate(type) + "' (allowed: numeric, real, integer, or nominal values {a, b, c})");
        }
    }

    private void requireEnd(ArffTokenizer tokens, long line, String name) {
        if (!tokens.atEnd()) {
            throw new InvalidDataException(source, line, name, "unexpected text after the declaration: '"
                    + Numbers.abbreviate(tokens.rest()) + "'");
        }
    }
}
