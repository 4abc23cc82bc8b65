package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import dev.backprop.train.Checkpoint;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A checkpoint ends in the SHA-256 of its bytes through the field's name: one changed after it was written is refused,
 * one written before checkpoints carried a digest is read unchecked, and the rest of the file is as before.
 */
class CheckpointDigestTest {
    private static final Dataset DATA = new Dataset(List.of("a", "b"), List.of("c"),
            Matrix.of(new double[][] {{0.1, 2}, {0.7, -3}, {1.9, 0.25}, {3, 3}}),
            Matrix.of(new double[][] {{1}, {2}, {4}, {8}}));

    @TempDir
    Path dir;

    private Checkpoint checkpoint;
    private Path file;
    private String text;

    @BeforeEach
    void write() throws Exception {
        List<Checkpoint> saved = new ArrayList<>();
        Trainer.of(TrainerConfig.builder().hidden(3).maxEpochs(4).seed(3).build()).withCheckpoints(2, saved::add)
                .train(DATA);
        checkpoint = saved.get(0);
        file = dir.resolve("c.json");
        CheckpointFile.write(checkpoint, file);
        text = Files.readString(file);
    }

    @Test
    void theDigestIsTheSha256OfTheBytesThroughItsName() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String name = "\"sha256\"";
        int end = text.lastIndexOf(name) + name.length();
        JsonNode root = Json.readTree(text);
        assertThat(root.get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(CheckpointEdits.sha256(new String(Arrays.copyOf(bytes, end),
                        StandardCharsets.UTF_8))))
                .hasSize(64);
        assertThat(text).endsWith(name + " : \"" + root.get("sha256").asText() + "\"\n}\n");
        assertThat(CheckpointFile.toJson(checkpoint)).isEqualTo(text);
        assertThat(CheckpointFile.readContents(file).digested()).isTrue();
    }

    @Test
    void withoutTheDigestTheFileIsTheTextItWasBefore() {
        String before = CheckpointEdits.withoutDigest(text);
        assertThat(Json.writeTree(Json.readTree(before))).isEqualTo(before);
        assertThat(before).doesNotContain("sha256").endsWith("  }\n}\n");
    }

    @Test
    void aCheckpointWhoseArchitectureWasEditedConsistentlyIsRefused() throws Exception {
        String edited = text.replace("\"sigmoid\"", "\"tanh\"");
        assertThat(edited).isNotEqualTo(text);
        Checkpoint unchecked = CheckpointFile.parse(CheckpointEdits.withoutDigest(edited));
        assertThat(unchecked.model().network().layers().get(0).activation().toString())
                .as("the edit is one the other checks accept").isNotEqualTo(
                        checkpoint.model().network().layers().get(0).activation().toString());
        Files.writeString(file, edited);
        assertThatThrownBy(() -> CheckpointFile.read(file)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith(file + ": changed after it was written: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void oneChangedDigitOfAWeightIsRefused() throws Exception {
        int at = text.indexOf("\"parameters\" : [ ") + "\"parameters\" : [ ".length() + 3;
        char digit = text.charAt(at);
        assertThat(digit).isBetween('0', '9');
        Files.writeString(file, text.substring(0, at) + (char) ('0' + (digit - '0' + 1) % 10) + text.substring(at + 1));
        assertThatThrownBy(() -> CheckpointFile.read(file)).hasMessageContaining("changed after it was written");
    }

    @Test
    void aChangedMovedOrMalformedDigestIsRefused() throws Exception {
        JsonNode root = Json.readTree(text);
        String digest = root.get("sha256").asText();
        String other = (digest.charAt(0) == 'a' ? "b" : "a") + digest.substring(1);
        ObjectNode moved = (ObjectNode) Json.readTree("{\"sha256\": \"" + digest + "\"}");
        root.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("sha256")) {
                moved.set(e.getKey(), e.getValue());
            }
        });
        for (String edited : List.of(text.replace(digest, other), text.replace(digest, digest.toUpperCase()),
                text.replace(digest, digest + "0"), Json.writeTree(moved))) {
            assertThatThrownBy(() -> CheckpointFile.parse(edited)).isInstanceOf(InvalidModelException.class)
                    .hasMessageStartingWith("changed after it was written");
        }
    }

    @Test
    void aCheckpointWrittenBeforeTheDigestIsReadUnchecked() throws Exception {
        Files.writeString(file, CheckpointEdits.withoutDigest(text));
        CheckpointFile.Contents read = CheckpointFile.readContents(file);
        assertThat(read.digested()).isFalse();
        assertThat(read.checkpoint().state().parameters()).containsExactly(checkpoint.state().parameters());
        assertThat(CheckpointFile.toJson(read.checkpoint())).isEqualTo(text);
    }

    @Test
    void aResealedEditIsReadAsWritten() {
        String edited = CheckpointEdits.resealed(text.replace("\"sigmoid\"", "\"tanh\""));
        assertThat(CheckpointFile.parse(edited).model().network().layers().get(0).activation().toString())
                .isNotEqualTo(checkpoint.model().network().layers().get(0).activation().toString());
        assertThat(CheckpointEdits.resealed(text)).isEqualTo(text);
    }
}
