package dev.backprop.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoint texts edited as tests need them: with the digest left out (as a checkpoint written before checkpoints
 * carried one), or with a new digest over the edited text, as whoever edits a file on purpose can compute it. The
 * digest is computed here from its definition (SHA-256 of the bytes through the field's name), not by the writer's
 * code.
 */
public final class CheckpointEdits {
    private static final Pattern DIGEST = Pattern.compile(",\\s*\"sha256\"\\s*:\\s*\"[0-9a-f]{64}\"\\s*(}\\s*)\\z");

    private CheckpointEdits() {
    }

    /** {@code text} without its digest field (it must have one), as a checkpoint written before the digest. */
    public static String withoutDigest(String text) {
        Matcher m = DIGEST.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no digest at the end of the checkpoint's text");
        }
        return text.substring(0, m.start()) + "\n" + m.group(1);
    }

    /** {@code text} (with or without a digest) with the digest of its content as it is now. */
    public static String resealed(String text) {
        String body = DIGEST.matcher(text).find() ? withoutDigest(text) : text;
        String open = body.substring(0, body.lastIndexOf('}')).stripTrailing() + ",\n  \"sha256\"";
        return open + " : \"" + HexFormat.of().formatHex(sha256(open)) + "\"\n}\n";
    }

    /** SHA-256 of {@code text}'s UTF-8 bytes. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
