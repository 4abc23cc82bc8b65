package dev.backprop.cli;

import dev.backprop.cli.plot.OverflowingModels;
import dev.backprop.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code backprop report} on what a user may hand it: names holding markup, a model whose sums overflow. */
class ReportHostileTest {
    @TempDir
    Path dir;

    @Test
    void namesHoldingMarkupAreShownAsTextNeverRunAsMarkup() throws Exception {
        StringBuilder csv = new StringBuilder("\"</svg><script>alert(1)</script>\",\"a\"\"b&c\",\"</title>t\"\n");
        String[] classes = {"<img src=x onerror=alert(2)>", "A&B"};
        for (int i = 0; i < 30; i++) {
            csv.append(i % 5).append(',').append(i % 3).append(',').append(classes[i % 2]).append('\n');
        }
        Path data = dir.resolve("hostile.csv");
        Files.writeString(data, csv);
        Path model = dir.resolve("m<b>&.json");
        Cli train = Cli.run("train", data.toString(), "--epochs", "5", "--quiet", "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path page = dir.resolve("report.html");
        Cli report = Cli.run("report", "--model", model.toString(), data.toString(), "--out", page.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        String html = Files.readString(page);
        assertThat(html).doesNotContain("<script").doesNotContain("<img src=x").doesNotContain("<b>")
                .doesNotContain("</title>t");
        assertThat(html).contains("&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(2)&gt;").contains("<title>backprop report: m&lt;b&gt;&amp;.json"
                        + "</title>");
        // The page's own elements are all there: the names closed none of them early.
        assertThat(html.split("<svg", -1).length - 1).isEqualTo(html.split("</svg>", -1).length - 1);
    }

    @Test
    void anInputOfThousandsOfCategoriesNamesTwentyAndCountsTheRest() throws Exception {
        // Thousands of categories filled one cell (5,000 of 30-character names: 174 KB); the page is to stay small
        // for any model.
        StringBuilder csv = new StringBuilder("code,y\n");
        String padding = "x".repeat(50);
        for (int i = 0; i < 2400; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "code-%05d-%s-é,%d%n", i % 1200, padding, i % 7));
        }
        Path data = dir.resolve("codes.csv");
        Files.writeString(data, csv);
        String html = trainedReport(data, "--categorical", "code", "--task", "regression", "--hidden", "2",
                "--epochs", "1");
        String row = html.substring(html.indexOf("<tr><td>code</td><td>categorical</td>"));
        String cell = row.substring(row.indexOf("<td>", 30) + 4, row.indexOf("</td></tr>"));
        // The first 20, each cut to 40 characters (39 and an ellipsis), then how many are not shown.
        String first = "code-00000-" + padding.substring(0, 28) + "…";
        assertThat(cell).startsWith(first + ", code-00001-").endsWith(", code-00019-" + padding.substring(0, 28)
                + "… and 1,180 more (1,200 categories)");
        assertThat(cell.split(", ", -1)).hasSize(20);
        assertThat(html).doesNotContain("code-00020-");
        assertThat(cell.length()).isLessThan(1000);
    }

    @Test
    void aModelOfManyInputsListsTheFirstHundredAndTheFortyLargestDrops() throws Exception {
        // Every input had a row in both tables, some 180 bytes a column: 3,000 inputs made a page of 762 KB, and some
        // 4,500 would pass the 1 MB the page is bounded by.
        int inputs = 150;
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < inputs; j++) {
            csv.append("x").append(j).append(',');
        }
        csv.append("y\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < inputs; j++) {
                csv.append(random.nextInt(100)).append(',');
            }
            csv.append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Path data = dir.resolve("wide.csv");
        Files.writeString(data, csv);
        String html = trainedReport(data, "--hidden", "2", "--epochs", "2");
        String columns = html.substring(html.indexOf("<h3>Input columns</h3>"), html.indexOf("<p>Missing cells"));
        assertThat(columns.split("<tr><td>x", -1)).hasSize(101);
        assertThat(columns).contains("<tr><td>x0</td>").contains("<tr><td>x99</td>").doesNotContain("<td>x100</td>")
                .endsWith("<p>The first 100 of 150 input columns.</p>\n");
        String drops = html.substring(html.indexOf("<h3>Which inputs matter</h3>"));
        drops = drops.substring(0, drops.indexOf("</p>", drops.indexOf("</table>")) + 4);
        assertThat(drops.split("<tr><td>x", -1)).hasSize(41);
        assertThat(drops).endsWith("</table>\n<p>The 40 largest drops of 150 columns; <code>backprop importance</code> "
                + "lists them all.</p>");
    }

    @Test
    void aModelOfManyClassesListsTheFirstHundredAndDrawsItsConfusionAsABitmap() throws Exception {
        // 1,200 classes of 51-character names made a page of 2.2 MB: a table row per class (138 KB) and a confusion
        // matrix in SVG (1.5 MB: a tick label per class on each axis).
        String padding = "y".repeat(45);
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 600; i++) {
            csv.append(i % 7).append(',').append(i % 11).append(',').append(i % 13).append(',')
                    .append(String.format(java.util.Locale.ROOT, "c%04d-%s%n", i % 120, padding));
        }
        Path data = dir.resolve("classes.csv");
        Files.writeString(data, csv);
        String html = trainedReport(data, "--hidden", "2", "--epochs", "1");
        String classes = html.substring(html.indexOf("<tr><th>class</th>"));
        classes = classes.substring(0, classes.indexOf("</p>") + 4);
        assertThat(classes.split("<tr><td>c0", -1)).hasSize(101);
        assertThat(classes).contains("<tr><td>c0000-" + padding.substring(0, 33) + "…</td>")
                .doesNotContain("c0100-").endsWith("</table>\n<p>The first 100 of 120 classes; <code>backprop "
                        + "evaluate</code> lists them all.</p>");
        assertThat(html).contains("<img width=\"640\" height=\"520\" alt=\"confusion matrix of 120 classes\" "
                + "src=\"data:image/png;base64,");
        assertThat(html).doesNotContain(padding);
    }

    @Test
    void aColumnNamedByThousandsOfCharactersIsNamedByItsFirstForty() throws Exception {
        // Named in full in the input table, the importance table and the decision regions' text: a name of 300,000
        // characters made a page of 1.1 MB.
        String name = "c".repeat(300_000);
        StringBuilder csv = new StringBuilder(name + ",b,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 5).append(',').append(i % 3).append(',').append(i % 2).append('\n');
        }
        Path data = dir.resolve("long.csv");
        Files.writeString(data, csv);
        String html = trainedReport(data, "--hidden", "2", "--epochs", "2");
        String shown = "c".repeat(39) + "…";
        assertThat(html).contains("<tr><td>" + shown + "</td><td>numeric</td>").contains("<tr><td>" + shown
                + "</td><td>0.").contains("alt=\"decision regions over " + shown + " and b\"")
                .doesNotContain("c".repeat(1000));
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(400_000);
    }

    @Test
    void aRegressionWhosePredictionsOverflowSaysWhyItsScoresAreNaN() throws Exception {
        Path model = dir.resolve("overflowing.json");
        ModelFile.write(OverflowingModels.regression(), model);
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i % 5 - 2).append(',').append(i / 5 - 2).append(',').append(i).append('\n');
        }
        Path data = dir.resolve("plane.csv");
        Files.writeString(data, csv);
        Path page = dir.resolve("report.html");
        Cli report = Cli.run("report", "--model", model.toString(), data.toString(), "--out", page.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        String html = Files.readString(page);
        // a = 2 (4 rows) and a = b = 1: 1e308 a or the sum overflows, and ∞ − ∞ is NaN.
        assertThat(html).contains("<tr><td>MSE</td><td>NaN</td></tr>").contains("<tr><td>rows whose prediction is "
                + "not a finite number (the network's sums overflowed)</td><td>5</td></tr>");
    }

    /** The report page of a model trained on {@code data} with {@code options} (each run must succeed). */
    private String trainedReport(Path data, String... options) throws Exception {
        Path model = dir.resolve("model.json");
        List<String> args = new ArrayList<>(List.of("train", data.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--quiet", "--out", model.toString()));
        Cli train = Cli.run(args.toArray(String[]::new));
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path page = dir.resolve("report.html");
        Cli report = Cli.run("report", "--model", model.toString(), data.toString(), "--out", page.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        return Files.readString(page);
    }
}
