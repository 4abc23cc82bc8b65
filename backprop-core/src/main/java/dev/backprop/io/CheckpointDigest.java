package dev.backprop.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkpoint's last field, {@code "sha256": "<64 hex digits>"}: the SHA-256 of the file's bytes from its start
 * through the field's name {@code "sha256"}. A checkpoint edited by hand can hold a consistent architecture, state and
 * command line that no run produced, and would resume as if it were one; the digest tells such a file from one as
 * written. It is no signature: whoever edits a file on purpose can compute the digest again.
 *
 * <p>Written as a value of the checkpoint's tree: when the generator reaches it, everything before it has been
 * generated, so it flushes the generator into the digesting stream the file is written through and writes the digest
 * of what passed, with no second pass over the file and no copy of its text.
 */
final class CheckpointDigest extends JsonSerializable.Base {
    /** The field's name. */
    static final String FIELD = "sha256";

    /** The file's end when its last field is the digest: the name, the value, the root object's close. */
    private static final Pattern TAIL = Pattern.compile("\"" + FIELD + "\"\\s*:\\s*\"([0-9a-f]{64})\"\\s*}\\s*\\z");
    /** The tail's longest spelling looked at; more white space than this is not as written. */
    private static final int TAIL_CHARS = 256;
    private static final int ENCODED_BYTES = 1 << 16;

    private final MessageDigest digest;

    /**
     * @param digest the SHA-256 of the stream the file is written through; finished when this value is written
     */
    CheckpointDigest(MessageDigest digest) {
        this.digest = digest;
    }

    /** A new SHA-256 (every Java platform has it). */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java platform lacks SHA-256, which every platform must have", e);
        }
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.flush();
        generator.writeString(HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider provider, TypeSerializer types)
            throws IOException {
        serialize(generator, provider);
    }

    /**
     * Checks a checkpoint's text against its digest.
     *
     * @param text the file's text (a byte order mark left out)
     * @param root its tree
     * @return true if it has a digest that matches; false if it has none (a checkpoint written before the digest
     *         existed)
     * @throws InvalidModelException if it has a digest that is not its last field or that its text does not match
     */
    static boolean verify(String text, JsonNode root) {
        if (!root.has(FIELD)) {
            return false;
        }
        int tailStart = Math.max(0, text.length() - TAIL_CHARS);
        Matcher tail = TAIL.matcher(text).region(tailStart, text.length());
        if (!tail.find() || !tail.group(1).equals(root.get(FIELD).asText())
                || !tail.group(1).equals(HexFormat.of().formatHex(sha256(text, tail.start() + FIELD.length() + 2)))) {
            throw new InvalidModelException("changed after it was written: its content does not match the SHA-256 "
                    + "digest it was written with (\"" + FIELD + "\"), so it may not be the run it says it is; resume "
                    + "from the checkpoint as backprop wrote it, or train again");
        }
        return true;
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}'s first {@code end} chars, encoded a block at a time. */
    private static byte[] sha256(String text, int end) {
        MessageDigest digest = sha256();
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        CharBuffer in = CharBuffer.wrap(text, 0, end);
        ByteBuffer out = ByteBuffer.allocate(ENCODED_BYTES);
        CoderResult result;
        do {
            result = encoder.encode(in, out, true);
            out.flip();
            digest.update(out);
            out.clear();
        } while (result.isOverflow());
        return digest.digest();
    }
}
