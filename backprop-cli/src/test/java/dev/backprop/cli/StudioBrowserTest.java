package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code backprop studio} in a real browser: headless Chromium, driven by Selenium through Debian's chromedriver,
 * loads the page on the seed's example, sees the loss chart get new points, pauses, reads the walkthrough, which
 * must equal {@code backprop explain} on the model downloaded at that moment, and steps one update, which must be the
 * update the walkthrough showed; and on twelve classes, that each has its own colour and that cells of no value are
 * grey. Two page loads, a few clicks, every wait at most 30 s. Skipped (saying why) where
 * Chromium or its driver is missing, except on CI, which installs them (.ci/run).
 */
class StudioBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void pageTrainsPausesStepsAndShowsExplainsNumbers() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            assertThat(System.getenv("CI")).as("CI installs chromium and chromium-driver (.ci/run)").isNull();
            Assumptions.abort("chromium or chromium-driver is not installed (apt-get install chromium "
                    + "chromium-driver): the studio's browser test is skipped");
        }
        StudioSession session = StudioTest.session("--pace", "40");
        try (StudioServer server = StudioServer.start(session, null, InetAddress.getLoopbackAddress(), 0)) {
            session.start();
            WebDriver browser = chrome();
            try {
                browser.get(server.url().toString());
                WebElement loss = browser.findElement(By.id("loss"));
                int first = until(() -> points(loss), n -> n >= 2);
                until(() -> points(loss), n -> n > first);

                browser.findElement(By.id("pause")).click();
                until(() -> browser.findElement(By.id("status")).getText(), "paused"::equals);
                until(() -> browser.findElements(By.cssSelector("#walkthrough .matrix")).size(), n -> n > 0);
                Map<String, double[][]> next = walkthrough(browser);
                double nextLoss = Double.parseDouble(browser.findElement(By.id("walk-loss"))
                        .getAttribute("data-v"));

                // The model at this moment, as the page's download gives it, explained by the command line.
                Path model = dir.resolve("paused.json");
                Files.writeString(model, get(server.url().resolve("/api/model.json")));
                Cli explain = Cli.run("explain", "--model", model.toString(), "--format", "json");
                assertThat(explain.exitCode()).as(explain.err()).isZero();
                JsonNode step = explain.json().get("steps").get(0);
                assertThat(nextLoss).isEqualTo(step.get("loss").asDouble());
                assertThat(next.keySet()).containsExactlyElementsOf(names(step));
                for (JsonNode matrix : step.get("matrices")) {
                    double[][] shown = next.get(matrix.get("name").asText());
                    for (int i = 0; i < shown.length; i++) {
                        for (int j = 0; j < shown[i].length; j++) {
                            assertThat(shown[i][j]).as(matrix.get("name").asText() + "[" + i + "," + j + "]")
                                    .isEqualTo(matrix.get("value").get(i).get(j).asDouble());
                        }
                    }
                }

                int epoch = Integer.parseInt(browser.findElement(By.id("epoch")).getText());
                browser.findElement(By.id("step")).click();
                until(() -> Integer.parseInt(browser.findElement(By.id("epoch")).getText()), e -> e == epoch + 1);
                until(() -> browser.findElement(By.id("walk-title")).getText(), t -> t.contains("just made"));
                until(() -> browser.findElement(By.id("status")).getText(), "paused"::equals);
                // The walkthrough of the step just made starts where the paused one did, and the seed's training
                // (full-batch gradient descent) made exactly the update it shows.
                assertThat(walkthrough(browser).get("W(1)")).isDeepEqualTo(next.get("W(1)"));
                double[] after = session.model().network().parameters();
                double[][] shownAfter = next.get("W(1) after");
                int outputs = shownAfter[0].length;
                for (int i = 0; i < shownAfter.length; i++) {
                    for (int j = 0; j < outputs; j++) {
                        assertThat(after[i * outputs + j]).isCloseTo(shownAfter[i][j], within(1e-12));
                    }
                }
                // The page's own code raised no error along the way (it would show it in #message).
                assertThat(browser.findElement(By.id("message")).getText()).isEmpty();
                Path shot = Path.of("target", "studio.png");
                Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        } finally {
            session.close();
        }
    }

    @Test
    void everyClassHasItsOwnColourAndCellsOfNoValueAreGrey() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            assertThat(System.getenv("CI")).as("CI installs chromium and chromium-driver (.ci/run)").isNull();
            Assumptions.abort("chromium or chromium-driver is not installed: the studio's browser test is skipped");
        }
        // Twelve classes over two inputs: the page once cycled ten colours, so class 10 looked like class 0.
        StringBuilder csv = new StringBuilder("a,b,k\n");
        for (int i = 0; i < 48; i++) {
            csv.append(i % 12).append(',').append(i / 12).append(",c").append(10 + i % 12).append('\n');
        }
        Path data = dir.resolve("twelve.csv");
        Files.writeString(data, csv);
        StudioSession session = StudioTest.session(data.toString(), "--pace", "5", "--epochs", "3");
        try (StudioServer server = StudioServer.start(session, data, InetAddress.getLoopbackAddress(), 0)) {
            session.start();
            WebDriver browser = chrome();
            try {
                browser.get(server.url().toString());
                // Read in one script: each new state redraws the legend, so swatches found by one call may be gone
                // by the next (a stale element).
                List<?> swatches = until(() -> (List<?>) ((JavascriptExecutor) browser).executeScript(
                        "return Array.from(document.querySelectorAll('#view .legend i'),"
                                + " i => getComputedStyle(i).backgroundColor);"),
                        list -> list.size() == 12);
                assertThat(swatches.stream().distinct()).hasSize(12);
                // A surface whose left half has no value (the network's sums overflowed there), drawn by the page
                // once the run has ended (so no new state redraws it), and read back in the same script.
                until(() -> browser.findElement(By.id("status")).getText(), t -> t.startsWith("stopped"));
                List<?> drawn = (List<?>) ((JavascriptExecutor) browser).executeScript("drawView({kind: 'surface',"
                        + " classify: false, grid: 4, xName: 'a', yName: 'b', target: 'y', othersAtMeans: false,"
                        + " low: [0, 0], high: [1, 1], points: [], classes: [], colours: [], cells: [null, null, 1, 2,"
                        + " null, null, 3, 4, null, null, 5, 6, null, null, 7, 8]});"
                        + " const g = document.getElementById('surface').getContext('2d');"
                        + " return [Array.from(g.getImageData(50, 200, 1, 1).data).slice(0, 3).join(','),"
                        + " Array.from(g.getImageData(350, 200, 1, 1).data).slice(0, 3).join(','),"
                        + " document.querySelector('#view .legend').textContent];");
                assertThat(drawn.get(0)).isEqualTo("189,189,189");
                assertThat(drawn.get(1)).isNotEqualTo("189,189,189");
                assertThat((String) drawn.get(2)).contains("Grey: no value").contains("1 ").contains(" 8");
                assertThat(browser.findElement(By.id("message")).getText()).isEmpty();
            } finally {
                browser.quit();
            }
        } finally {
            session.close();
        }
    }

    private static WebDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1500");
        options.setPageLoadTimeout(WAIT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static int points(WebElement loss) {
        return Integer.parseInt(loss.getAttribute("data-points"));
    }

    /** Every matrix the walkthrough shows, by name: the cells the page shows, at full precision. */
    private static Map<String, double[][]> walkthrough(WebDriver browser) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (WebElement block : browser.findElements(By.cssSelector("#walkthrough .matrix"))) {
            List<WebElement> rows = block.findElements(By.cssSelector("tr"));
            double[][] values = new double[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                List<WebElement> cells = rows.get(i).findElements(By.cssSelector("td[data-v]"));
                values[i] = cells.stream().mapToDouble(c -> Double.parseDouble(c.getAttribute("data-v"))).toArray();
            }
            out.put(block.getAttribute("data-name"), values);
        }
        return out;
    }

    private static List<String> names(JsonNode step) {
        List<String> names = new java.util.ArrayList<>();
        step.get("matrices").forEach(m -> names.add(m.get("name").asText()));
        return names;
    }

    private static String get(URI url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Polls {@code value} until {@code done} holds (at most {@link #WAIT}); returns the value that did. */
    static <T> T until(Supplier<T> value, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = value.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                // The page is redrawing: the element read a moment ago was replaced. Read again.
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited " + WAIT.toSeconds() + " s; last value: " + last);
    }
}
