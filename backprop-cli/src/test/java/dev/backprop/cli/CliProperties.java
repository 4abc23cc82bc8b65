package dev.backprop.cli;

import dev.backprop.command.Failures;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random data files, valid and damaged, through the whole command line in this JVM: nothing is thrown past it, the
 * exit code is 0 or 2, a refusal is one {@code error:} line, and a refused training run writes no model.
 */
class CliProperties {
    @Property(tries = 25)
    void trainAndPredictExitWithZeroOrTwo(@ForAll @IntRange(min = 1, max = 6) int cols,
                                          @ForAll @IntRange(min = 1, max = 20) int rows, @ForAll long seed,
                                          @ForAll boolean arff, @ForAll boolean damaged) throws IOException {
        Path dir = Files.createTempDirectory("cli-property");
        try {
            SplittableRandom r = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder();
            if (arff) {
                text.append("@relation r\n");
                for (int j = 0; j < cols; j++) {
                    text.append("@attribute c").append(j).append(j == 1 ? " {u, v, w}\n" : " numeric\n");
                }
                text.append("@data\n");
            } else {
                for (int j = 0; j < cols; j++) {
                    text.append(j == 0 ? "" : ",").append("c").append(j);
                }
                text.append('\n');
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    text.append(j == 0 ? "" : ",");
                    text.append(arff && j == 1 ? "uvw".charAt(r.nextInt(3)) : String.valueOf(r.nextDouble(-5, 5)));
                }
                text.append('\n');
            }
            String content = damaged ? damage(text.toString(), r) : text.toString();
            Path data = dir.resolve(arff ? "d.arff" : "d.csv");
            Files.write(data, content.getBytes(StandardCharsets.UTF_8));
            Path model = dir.resolve("m.json");
            Cli train = Cli.run("train", data.toString(), "--out", model.toString(), "--epochs", "3", "--hidden", "2",
                    "--quiet");
            check(train);
            if (train.exitCode() != 0) {
                assertThat(Files.exists(model)).isFalse();
                return;
            }
            check(Cli.run("predict", "--model", model.toString(), data.toString()));
            check(Cli.run("evaluate", "--model", model.toString(), data.toString()));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void check(Cli run) {
        assertThat(run.exitCode()).as(run.err()).isIn(0, Failures.BAD_INPUT);
        if (run.exitCode() != 0) {
            assertThat(run.err()).startsWith("error: ").doesNotContain("\tat ");
            assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        }
    }

    private static String damage(String text, SplittableRandom r) {
        String alphabet = ",\"'\n{}%@ ?x-e.9\u0000";
        StringBuilder s = new StringBuilder(text);
        for (int e = 1 + r.nextInt(3); e > 0 && s.length() > 0; e--) {
            int at = r.nextInt(s.length());
            switch (r.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }
}
