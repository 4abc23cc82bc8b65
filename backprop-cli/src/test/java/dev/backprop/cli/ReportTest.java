package dev.backprop.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report is one self-contained page, and a real headless browser renders it without errors. */
class ReportTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    private Path report() {
        Path model = dir.resolve("iris.json");
        assertThat(Cli.run("train", RealDataTest.DATA.resolve("iris.csv").toString(), "--epochs", "60",
                "--validation", "0.2", "--out", model.toString(), "--quiet").exitCode()).isZero();
        Path html = dir.resolve("report.html");
        Cli run = Cli.run("report", "--model", model.toString(), RealDataTest.DATA.resolve("iris.csv").toString(),
                "--out", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return html;
    }

    @Test
    void theReportIsOneSelfContainedPage() throws Exception {
        String html = Files.readString(report());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>backprop report: iris.json</title>")
                .contains("accuracy").contains("Confusion matrix: species").contains("Loss per epoch")
                .contains("sepal_length").contains("stopped by");
        // Permutation importance: a table, petal measurements above sepal ones (iris is separated by its petals).
        String importance = html.substring(html.indexOf("<h3>Which inputs matter</h3>"));
        assertThat(importance).contains("drop in accuracy when one column is shuffled");
        assertThat(importance.indexOf("<td>petal_")).isLessThan(importance.indexOf("<td>sepal_"));
        assertThat(Pattern.compile("<svg").matcher(html).results().count()).isEqualTo(3);
        // Nothing is fetched from elsewhere: no scripts, stylesheets or images by address.
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=\"http")
                .doesNotContain("url(http");
    }

    @Test
    void chromiumRendersTheReportWithoutErrors() throws Exception {
        boolean ci = System.getenv("CI") != null;
        if (!Files.isExecutable(CHROMIUM)) {
            assertThat(ci).as("CI installs chromium (.ci/run); this test must run there").isFalse();
            Assumptions.abort("chromium is not installed (apt-get install chromium)");
        }
        Path html = report();
        Path profile = Files.createDirectory(dir.resolve("profile"));
        Process browser = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0", "--dump-dom", html.toUri().toString()))
                .redirectError(dir.resolve("chromium.log").toFile())
                .redirectOutput(dir.resolve("dom.html").toFile()).start();
        // The DOM goes to a file, not a pipe read to its end: a chromium that hangs on its way out (or a helper
        // process of it that keeps the pipe open) would otherwise hold the test, and the build, for ever.
        try {
            assertThat(browser.waitFor(90, TimeUnit.SECONDS)).as("chromium ends within 90 s").isTrue();
        } finally {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("chromium.log"));

        assertThat(browser.exitValue()).as(log).isZero();
        String rendered = Files.readString(dir.resolve("dom.html"), StandardCharsets.UTF_8);
        assertThat(rendered).contains("Metrics on iris.csv").contains("Confusion matrix: species")
                .contains("<svg");
        // The page's own console: no JavaScript or resource errors (chromium's own dbus chatter is not the page's).
        assertThat(log).doesNotContain(":CONSOLE(").doesNotContain("Failed to load resource");
    }
}
