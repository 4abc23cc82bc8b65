package dev.backprop.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What reading a model or checkpoint file may cost, settled before its text is read into memory or its tree built.
 *
 * <p>The file must be a regular file: a FIFO or a device ({@code /dev/zero}, {@code /dev/stdin}) has no size and
 * may never end. One streaming pass of Jackson's parser (one token at a time, nesting at most 64 deep, so its memory
 * is bounded) then counts the numbers and the other values (objects, arrays, strings, field names, literals). Such a
 * file is mostly numbers: each weight row, layer, column name, category and class comes with at least one weight,
 * so a file with more than {@value #VALUES_PER_NUMBER} other values per number, plus {@value #VALUES_ALLOWED}, is
 * refused (a file of {@code {},} repeated has millions of objects and no numbers). Last, the text (2 bytes a byte of
 * file: the bytes read and the string decoded from them) and the tree (about {@value #BYTES_PER_NUMBER} bytes a
 * number, {@value #BYTES_PER_VALUE} bytes another value, as Jackson's nodes, their containers and the arrays built
 * from them take on a 64-bit JVM) must fit the {@link MemoryBudget}.
 */
final class JsonFileBounds {
    /** Other values allowed per number. */
    static final int VALUES_PER_NUMBER = 4;
    /** Other values allowed beside those: the fields, settings and names of a small hand-written file. */
    static final int VALUES_ALLOWED = 10_000;
    /** Heap a number costs in the tree and the array it becomes. */
    static final int BYTES_PER_NUMBER = 40;
    /** Heap another value (an object or array node and its container, a string) costs in the tree. */
    static final int BYTES_PER_VALUE = 120;

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private JsonFileBounds() {
    }

    /**
     * Reads {@code file} as one JSON document of the kind {@code kind} ("a model file", "a checkpoint"; {@code what}
     * names it in {@link #check}'s messages) once {@link #check} has bounded it, and parses its text; every refusal
     * names the file.
     *
     * @throws InvalidModelException                 naming the file and what is wrong with it
     * @throws dev.backprop.linalg.TooLargeException naming the file, if reading it would not fit the budget
     * @throws IOException                           if it cannot be read
     */
    static <T> T read(Path file, long maxNumbers, String kind, String what, MemoryBudget budget,
                      Function<String, T> parse)
            throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidModelException(file + ": is a directory, not " + kind);
        }
        try {
            check(file, maxNumbers, what, budget);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // JSON may not carry a byte order mark, but a parser may pass over one (RFC 8259, 8.1); some editors
            // save UTF-8 with one.
            return parse.apply(text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(file + ": " + e.getMessage());
        } catch (TooLargeException e) {
            throw e.prefixed(file + ": ");
        } catch (MalformedInputException e) {
            throw new InvalidModelException(file + ": not " + kind + " (not UTF-8 text)");
        }
    }

    /**
     * @param file       the file to read
     * @param maxNumbers the most numbers a file of this kind may hold
     * @param what       "the model" or "the checkpoint", for messages
     * @throws NoSuchFileException                   if there is no such file
     * @throws InvalidModelException                 if it is not a regular file or holds too much structure or too
     *                                               many numbers (the message does not name the file)
     * @throws dev.backprop.linalg.TooLargeException if its text and tree would not fit the budget
     */
    static void check(Path file, long maxNumbers, String what, MemoryBudget budget) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException("not a regular file");
        }
        long size = Files.size(file);
        long text = MemoryBudget.times(2, size);
        budget.require(text, "reading " + what + " file of " + MemoryBudget.bytes(size), "its bytes and text",
                "use a smaller file");
        long numbers = 0;
        long others = 0;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(file.toFile())) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t.isNumeric()) {
                    if (++numbers > maxNumbers) {
                        throw new InvalidModelException("holds more than " + MemoryBudget.count(maxNumbers)
                                + " numbers: " + what + " would have more than " + MemoryBudget.count(maxNumbers)
                                + " parameters");
                    }
                } else if (!t.isStructEnd()) {
                    others++;
                }
            }
        } catch (JsonProcessingException e) {
            // Malformed: the tree parser reports where, after building no more than the values counted so far.
        }
        if (others > MemoryBudget.plus(MemoryBudget.times(VALUES_PER_NUMBER, numbers), VALUES_ALLOWED)) {
            throw new InvalidModelException("holds " + MemoryBudget.count(others) + " JSON objects, arrays, strings "
                    + "and names for " + MemoryBudget.count(numbers) + (numbers == 1 ? " number: " : " numbers: ")
                    + what + " file has at most " + VALUES_PER_NUMBER + " per number plus "
                    + MemoryBudget.count(VALUES_ALLOWED));
        }
        long tree = MemoryBudget.plus(MemoryBudget.times(BYTES_PER_NUMBER, numbers),
                MemoryBudget.times(BYTES_PER_VALUE, others));
        budget.require(MemoryBudget.plus(text, tree), "reading " + what + " file of " + MemoryBudget.bytes(size)
                        + " (" + MemoryBudget.count(numbers) + " numbers)", "its text and JSON tree",
                "use a smaller file");
    }
}
