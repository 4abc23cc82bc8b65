package dev.backprop.cli;

import dev.backprop.command.Failures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13's dangerous writes and bad output locations, for every command that writes a file (train, predict, plot,
 * draw, report; evaluate, gradcheck and explain write only to stdout). An output that is an input or another output,
 * compared by file identity (symbolic and hard links, {@code ./x}), is refused with exit 2 before anything runs; so is
 * a place no file can be written, with one line naming the path the user gave. Devices and FIFOs are written in place,
 * symbolic links followed, a full disk reported on one line. Every refusal leaves the directory exactly as it was: no
 * output appears, no temporary file remains, every input is byte-identical.
 */
class OutputsBatteryTest {
    /** A 255-byte file name: the longest most file systems accept. */
    private static final String LONGEST_NAME = "x".repeat(251) + ".csv";
    private static final String DATA = "a,b,y\n1,2,3\n4,5,6\n7,8,9\n2,1,4\n";
    /** A model trained once on {@link #DATA}; each case gets its own copy. */
    private static byte[] model;

    @TempDir
    Path dir;

    /** One case: sets up its files in {@code t.dir}, runs a command and asserts what happened. */
    @FunctionalInterface
    interface Scenario {
        void run(OutputsBatteryTest t) throws Exception;
    }

    @BeforeAll
    static void trainOnce(@TempDir Path shared) throws IOException {
        Path data = shared.resolve("v.csv");
        Files.writeString(data, DATA);
        Path out = shared.resolve("m.json");
        Cli run = Cli.run("train", data.toString(), "--out", out.toString(), "--epochs", "3", "--hidden", "2", "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        model = Files.readAllBytes(out);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // train: an output that is an input
                of("train --out DATA", t -> t.refused(t.same("--out", "v.csv", "DATA", "v.csv"),
                        t.train("--out", t.s("v.csv")))),
                of("train --out ./DATA", t -> t.refused(t.same("--out", "./v.csv", "DATA", "v.csv"),
                        t.train("--out", t.s("./v.csv")))),
                of("train --out sub/../DATA", t -> {
                    Files.createDirectory(t.p("sub"));
                    t.refused(t.same("--out", "sub/../v.csv", "DATA", "v.csv"), t.train("--out", t.s("sub/../v.csv")));
                }),
                of("train --out symlink to DATA", t -> {
                    Files.createSymbolicLink(t.p("link.csv"), Path.of("v.csv"));
                    t.refused(t.same("--out", "link.csv", "DATA", "v.csv"), t.train("--out", t.s("link.csv")));
                }),
                of("train --out hard link to DATA", t -> {
                    Files.createLink(t.p("hard.csv"), t.p("v.csv"));
                    t.refused(t.same("--out", "hard.csv", "DATA", "v.csv"), t.train("--out", t.s("hard.csv")));
                }),
                of("train --checkpoint DATA", t -> t.refused(t.same("--checkpoint", "v.csv", "DATA", "v.csv"),
                        t.train("--checkpoint", t.s("v.csv")))),
                of("train --plot-loss DATA", t -> {
                    Files.writeString(t.p("d.svg"), DATA);
                    t.refused(t.same("--plot-loss", "d.svg", "DATA", "d.svg"), "train", t.s("d.svg"),
                            "--data-format", "csv", "--plot-loss", t.s("d.svg"), "--out", t.s("n.json"), "-q");
                }),
                of("train default checkpoint is DATA", t -> {
                    Files.writeString(t.p("n.json.checkpoint.json"), DATA);
                    t.refused(t.same("--checkpoint", "n.json.checkpoint.json", "DATA", "n.json.checkpoint.json"),
                            "train", t.s("n.json.checkpoint.json"), "--data-format", "csv", "--out", t.s("n.json"),
                            "--epochs", "2", "-q");
                }),
                of("train --init MODEL --out MODEL", t -> t.refused(t.same("--out", "m.json", "--init", "m.json"),
                        "train", t.s("v.csv"), "--init", t.s("m.json"), "--out", t.s("m.json"), "-q")),
                of("train --init MODEL --checkpoint MODEL", t -> t.refused(
                        t.same("--checkpoint", "m.json", "--init", "m.json"), "train", t.s("v.csv"), "--init",
                        t.s("m.json"), "--out", t.s("n.json"), "--checkpoint", t.s("m.json"), "-q")),
                of("train --out hard link to --init", t -> {
                    Files.createLink(t.p("hard.json"), t.p("m.json"));
                    t.refused(t.same("--out", "hard.json", "--init", "m.json"), "train", t.s("v.csv"), "--init",
                            t.s("m.json"), "--out", t.s("hard.json"), "-q");
                }),
                // train: two outputs that are one file
                of("train --out X --plot-loss X", t -> t.refused(t.clash("--out", "m.svg", "--plot-loss", "m.svg"),
                        t.train("--out", t.s("m.svg"), "--plot-loss", t.s("m.svg")))),
                of("train --out X --checkpoint ./X", t -> t.refused(
                        t.clash("--out", "n.json", "--checkpoint", "./n.json"),
                        t.train("--out", t.s("n.json"), "--checkpoint", t.s("./n.json")))),
                of("train --out X --checkpoint via a linked directory", t -> {
                    Files.createSymbolicLink(t.p("alias"), t.dir);
                    t.refused(t.clash("--out", "n.json", "--checkpoint", "alias/n.json"),
                            t.train("--out", t.s("n.json"), "--checkpoint", t.s("alias/n.json")));
                }),
                of("train --checkpoint dangling link to --out", t -> {
                    Files.createSymbolicLink(t.p("dl.json"), Path.of("n.json"));
                    t.refused(t.clash("--out", "n.json", "--checkpoint", "dl.json"),
                            t.train("--out", t.s("n.json"), "--checkpoint", t.s("dl.json")));
                }),
                of("train --checkpoint hard link of existing --out", t -> {
                    Files.writeString(t.p("old.json"), "old");
                    Files.createLink(t.p("hard.json"), t.p("old.json"));
                    t.refused(t.clash("--out", "old.json", "--checkpoint", "hard.json"),
                            t.train("--out", t.s("old.json"), "--checkpoint", t.s("hard.json")));
                }),
                of("train --checkpoint X --plot-loss X", t -> t.refused(
                        t.clash("--plot-loss", "c.svg", "--checkpoint", "c.svg"),
                        t.train("--checkpoint", t.s("c.svg"), "--plot-loss", t.s("c.svg")))),
                // train: places no file can be written, refused before training
                of("train --out DIR", t -> t.refused(t.cannot("sub") + ": is a directory", t.train("--out", t.directory("sub")))),
                of("train --out MODEL/ (a trailing slash) keeps the model", t -> t.refused("--out " + t.s("m.json")
                        + "/ is not a directory (a trailing / names one)", t.train("--out", t.s("m.json") + "/"))),
                of("train --out ''", t -> t.refused("cannot write '': the file name is empty", t.train("--out", ""))),
                of("train --out FILE/x.json", t -> t.refused(t.cannot("v.csv/x.json") + ": " + t.s("v.csv")
                        + " is not a directory", t.train("--out", t.s("v.csv/x.json")))),
                of("train --out missing/x.json", t -> t.refused(t.cannot("missing/x.json") + ": the directory "
                        + t.s("missing") + " does not exist", t.train("--out", t.s("missing/x.json")))),
                of("train --out 256-byte name", t -> t.refused(t.cannot("y" + LONGEST_NAME)
                        + ": the file name is too long (256 bytes; at most 255)", t.train("--out", t.s("y" + LONGEST_NAME)))),
                of("train --checkpoint DIR", t -> t.refused(t.cannot("sub") + ": is a directory",
                        t.train("--checkpoint", t.directory("sub")))),
                of("train --plot-loss missing/p.svg (no model written)", t -> t.refused(t.cannot("missing/p.svg"),
                        t.train("--plot-loss", t.s("missing/p.svg")))),
                of("train --out symlink to DIR", t -> {
                    Files.createSymbolicLink(t.p("todir"), Path.of(t.directory("sub")));
                    t.refused(t.cannot("todir") + ": is a directory", t.train("--out", t.s("todir")));
                }),
                of("train --out symlink loop", t -> {
                    Files.createSymbolicLink(t.p("loop1"), Path.of("loop2"));
                    Files.createSymbolicLink(t.p("loop2"), Path.of("loop1"));
                    t.refused(t.cannot("loop1") + ": too many levels of symbolic links", t.train("--out", t.s("loop1")));
                }),
                of("train --out /dev/full", t -> {
                    String full = t.full();
                    t.refused("cannot write " + full + ": no space left on device", t.train("--out", full));
                    assertDevice(full);
                }),
                of("train --out on a read-only file system", t -> t.withTmpfs("ro,size=64k", mount -> t.refused(
                        t.cannot("mnt/n.json") + ": read-only file system", t.train("--out", t.s("mnt/n.json"))))),
                of("train --out on a full disk", t -> t.withTmpfs("size=64k", mount -> {
                    fill(mount);
                    t.refused(t.cannot("mnt/n.json") + ": no space left on device", t.train("--out", t.s("mnt/n.json")));
                })),
                of("train --out /dev/null keeps the device", t -> {
                    String nothing = t.nothing();
                    t.ok(t.train("--out", nothing));
                    assertDevice(nothing);
                }),
                of("train --out /dev/null stopped early keeps no checkpoint beside the device", t -> {
                    String nothing = t.nothing();
                    Map<String, String> before = t.snapshot();
                    Cli run = t.ok(t.train("--out", nothing, "--max-time", "0.000000001"));
                    assertThat(run.err()).contains("stopped by the time limit after 1 epochs: the model so far went to "
                            + nothing + " and no checkpoint was kept (give --checkpoint FILE to keep one)");
                    assertThat(t.snapshot()).isEqualTo(before);
                    assertDevice(nothing);
                }),
                of("train --checkpoint /dev/null stopped early offers no --resume /dev/null", t -> {
                    String nothing = t.nothing();
                    Cli run = t.ok(t.train("--out", t.s("n.json"), "--checkpoint", nothing, "--max-time",
                            "0.000000001"));
                    assertThat(run.err()).contains("the model so far went to " + t.s("n.json") + " and no checkpoint "
                            + "was kept").doesNotContain("--resume");
                    assertDevice(nothing);
                }),
                of("train --out /dev/null --checkpoint-every needs --checkpoint", t -> {
                    String nothing = t.nothing();
                    t.refused("--checkpoint-every needs --checkpoint FILE here: --out " + nothing + " keeps no file to "
                            + "put checkpoints beside", t.train("--out", nothing, "--checkpoint-every", "1"));
                }),
                of("train --resume: stored --out now a link to the data", t -> {
                    t.ok(t.train("--out", t.s("r.json"), "--checkpoint", t.s("c.json"), "--checkpoint-every", "1"));
                    Files.delete(t.p("r.json"));
                    Files.createSymbolicLink(t.p("r.json"), Path.of("v.csv"));
                    t.refused(t.same("--out", "r.json", "DATA", "v.csv"), "train", "--resume", t.s("c.json"), "-q");
                }),
                of("train --resume rewrites its own checkpoint", t -> {
                    t.ok(t.train("--out", t.s("r.json"), "--checkpoint", t.s("c.json"), "--checkpoint-every", "1"));
                    t.ok("train", "--resume", t.s("c.json"), "-q");
                    assertThat(Files.exists(t.p("r.json"))).isTrue();
                }),
                // predict
                of("predict --out DATA", t -> t.refused(t.same("--out", "v.csv", "DATA", "v.csv"),
                        t.predict("--out", t.s("v.csv")))),
                of("predict --out MODEL", t -> t.refused(t.same("--out", "m.json", "--model", "m.json"),
                        t.predict("--out", t.s("m.json")))),
                of("predict --out hard link to MODEL", t -> {
                    Files.createLink(t.p("hard.csv"), t.p("m.json"));
                    t.refused(t.same("--out", "hard.csv", "--model", "m.json"), t.predict("--out", t.s("hard.csv")));
                }),
                of("predict --out DIR", t -> t.refused(t.cannot("sub") + ": is a directory",
                        t.predict("--out", t.directory("sub")))),
                of("predict --out ''", t -> t.refused("cannot write '': the file name is empty", t.predict("--out", ""))),
                of("predict --out FILE/x.csv", t -> t.refused(t.cannot("m.json/x.csv") + ": " + t.s("m.json")
                        + " is not a directory", t.predict("--out", t.s("m.json/x.csv")))),
                of("predict --out MODEL/ (a trailing slash) keeps the model", t -> t.refused("Invalid value for option "
                        + "'--out': " + t.s("m.json") + "/ is not a directory (a trailing / names one)",
                        t.predict("--out", t.s("m.json") + "/"))),
                of("predict --out missing/ writes no file 'missing'", t -> t.refused("Invalid value for option "
                        + "'--out': " + t.s("missing") + "/ is no directory (a trailing / names one, and there is none)",
                        t.predict("--out", t.s("missing") + "/"))),
                of("predict --out DIR/ is a directory", t -> t.refused(t.cannot("sub") + ": is a directory",
                        t.predict("--out", t.directory("sub") + "/"))),
                of("predict --out /dev/full", t -> {
                    String full = t.full();
                    t.refused("cannot write " + full + ": no space left on device", t.predict("--out", full));
                    assertDevice(full);
                }),
                of("predict --out a full disk keeps the old file", t -> t.withTmpfs("size=64k", mount -> {
                    Files.writeString(mount.resolve("old.csv"), "old predictions\n");
                    fill(mount);
                    t.refused(t.cannot("mnt/old.csv") + ": no space left on device",
                            t.predict("--out", t.s("mnt/old.csv")));
                })),
                of("predict --out socket", t -> {
                    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                        socket.bind(UnixDomainSocketAddress.of(t.p("sock.csv")));
                        t.refused(t.cannot("sock.csv") + ": ", t.predict("--out", t.s("sock.csv")));
                    }
                }),
                of("predict --out /dev/null keeps the device", t -> {
                    String nothing = t.nothing();
                    Cli run = t.ok(t.predict("--out", nothing));
                    assertThat(run.out()).contains("4 predictions written to " + nothing);
                    assertDevice(nothing);
                }),
                of("predict --out FIFO is written in place", t -> {
                    Path fifo = t.p("pipe.csv");
                    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
                    FutureTask<byte[]> reader = new FutureTask<>(() -> Files.readAllBytes(fifo));
                    Thread thread = new Thread(reader, "fifo reader");
                    thread.setDaemon(true);
                    thread.start();
                    try {
                        t.ok(t.predict("--out", fifo.toString()));
                        assertThat(new String(reader.get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                                .startsWith("a,b,predicted_y\n").hasLineCount(5);
                        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
                        assertThat(Files.exists(fifo)).isTrue();
                    } finally {
                        if (!reader.isDone()) {
                            try (OutputStream release = Files.newOutputStream(fifo)) {
                                release.flush();
                            }
                        }
                    }
                }),
                of("predict --out symlink: target replaced, link kept", t -> {
                    Files.createDirectory(t.p("sub"));
                    Files.writeString(t.p("sub/old.csv"), "old");
                    Files.createSymbolicLink(t.p("link.csv"), Path.of("sub/old.csv"));
                    t.ok(t.predict("--out", t.s("link.csv")));
                    assertThat(Files.isSymbolicLink(t.p("link.csv"))).isTrue();
                    assertThat(Files.readSymbolicLink(t.p("link.csv"))).isEqualTo(Path.of("sub/old.csv"));
                    assertThat(Files.readString(t.p("sub/old.csv"))).startsWith("a,b,predicted_y\n");
                    t.noTemporaryFiles();
                }),
                of("predict --out dangling symlink: target created, link kept", t -> {
                    Files.createSymbolicLink(t.p("link.csv"), Path.of("new.csv"));
                    t.ok(t.predict("--out", t.s("link.csv")));
                    assertThat(Files.isSymbolicLink(t.p("link.csv"))).isTrue();
                    assertThat(Files.readString(t.p("new.csv"))).startsWith("a,b,predicted_y\n");
                }),
                of("predict --out 255-byte name", t -> {
                    t.ok(t.predict("--out", t.s(LONGEST_NAME)));
                    assertThat(Files.readString(t.p(LONGEST_NAME))).startsWith("a,b,predicted_y\n");
                    t.noTemporaryFiles();
                }),
                of("predict --out 255-byte name replaces the old file", t -> {
                    Files.writeString(t.p(LONGEST_NAME), "old");
                    t.ok(t.predict("--out", t.s(LONGEST_NAME)));
                    assertThat(Files.readString(t.p(LONGEST_NAME))).startsWith("a,b,predicted_y\n");
                    t.noTemporaryFiles();
                }),
                of("predict --out 256-byte name", t -> t.refused(t.cannot("y" + LONGEST_NAME)
                        + ": the file name is too long", t.predict("--out", t.s("y" + LONGEST_NAME)))),
                // plot
                of("plot --out DATA", t -> {
                    Files.writeString(t.p("d.png"), DATA);
                    t.refused(t.same("--out", "d.png", "DATA", "d.png"), "plot", "--model", t.s("m.json"), t.s("d.png"),
                            "--data-format", "csv", "--out", t.s("d.png"));
                }),
                of("plot --out symlink to MODEL", t -> {
                    Files.createSymbolicLink(t.p("link.svg"), t.p("m.json"));
                    t.refused(t.same("--out", "link.svg", "--model", "m.json"), t.plot("--out", t.s("link.svg")));
                }),
                of("plot --out DIR", t -> t.refused(t.cannot("pic.png") + ": is a directory",
                        t.plot("--out", t.directory("pic.png")))),
                of("plot --out /dev/full via symlink", t -> {
                    Files.createSymbolicLink(t.p("full.png"), Path.of(t.full()));
                    t.refused(t.cannot("full.png") + ": ", t.plot("--out", t.s("full.png")));
                }),
                // draw
                of("draw FILE = MODEL", t -> {
                    Files.write(t.p("m.svg"), model);
                    t.refused(t.same("FILE", "m.svg", "--model", "m.svg"), "draw", "--model", t.s("m.svg"), t.s("m.svg"));
                }),
                of("draw FILE symlink to MODEL", t -> {
                    Files.createSymbolicLink(t.p("net.svg"), Path.of("m.json"));
                    t.refused(t.same("FILE", "net.svg", "--model", "m.json"), "draw", "--model", t.s("m.json"),
                            t.s("net.svg"));
                }),
                of("draw FILE in missing directory", t -> t.refused(t.cannot("missing/net.svg") + ": the directory "
                        + t.s("missing") + " does not exist", "draw", "--model", t.s("m.json"), t.s("missing/net.svg"))),
                of("draw FILE /dev/full via symlink", t -> {
                    Files.createSymbolicLink(t.p("full.svg"), Path.of(t.full()));
                    t.refused(t.cannot("full.svg") + ": no space left on device", "draw", "--model", t.s("m.json"),
                            t.s("full.svg"));
                    assertThat(Files.isSymbolicLink(t.p("full.svg"))).isTrue();
                }),
                // report
                of("report --out DATA", t -> t.refused(t.same("--out", "v.csv", "DATA", "v.csv"),
                        t.report("--out", t.s("v.csv")))),
                of("report --out MODEL", t -> t.refused(t.same("--out", "m.json", "--model", "m.json"),
                        t.report("--out", t.s("m.json")))),
                of("report --out link to a link to DATA", t -> {
                    Files.createSymbolicLink(t.p("l1"), Path.of("v.csv"));
                    Files.createSymbolicLink(t.p("l2.html"), Path.of("l1"));
                    t.refused(t.same("--out", "l2.html", "DATA", "v.csv"), t.report("--out", t.s("l2.html")));
                }),
                of("report --out ''", t -> t.refused("cannot write '': the file name is empty", t.report("--out", ""))),
                of("report --out /dev/full", t -> {
                    String full = t.full();
                    t.refused("cannot write " + full + ": no space left on device", t.report("--out", full));
                    assertDevice(full);
                }),
                // standard output, the only output of evaluate, gradcheck and explain
                of("evaluate to a full stdout", t -> t.stdoutFails("evaluate", "--model", t.s("m.json"), t.s("v.csv"))),
                of("gradcheck to a full stdout", t -> t.stdoutFails("gradcheck", "--model", t.s("m.json"),
                        t.s("v.csv"))),
                of("explain to a full stdout", t -> t.stdoutFails("explain", "--model", t.s("m.json"), t.s("v.csv"))),
                of("predict to a full stdout", t -> t.stdoutFails(t.predict())),
                of("evaluate > /dev/full (a process)", t -> {
                    Process child = t.process(t.full(), "evaluate", "--model", t.s("m.json"), t.s("v.csv"));
                    String err = finished(child);
                    assertThat(child.exitValue()).as(err).isEqualTo(Failures.BAD_INPUT);
                    assertThat(err).isEqualTo("error: cannot write standard output: its disk is full or it is "
                            + "closed\n");
                }),
                of("predict --out /dev/stdout >> log (a process): the log kept, the CSV alone after it", t -> {
                    Path log = Files.writeString(t.p("log.csv"), "kept\n");
                    Process child = t.process(log.toString(), true, Map.of(), t.predict("--out", "/dev/stdout"));
                    String err = finished(child);
                    assertThat(child.exitValue()).as(err).isZero();
                    t.ok(t.predict("--out", t.s("p.csv")));
                    assertThat(Files.readString(log)).isEqualTo("kept\n" + Files.readString(t.p("p.csv")));
                    assertThat(err).contains("4 predictions written to /dev/stdout");
                }),
                of("train --out /dev/stdout --format json (a process): stdout is the model alone", t -> {
                    Path out = t.p("piped.json");
                    Process child = t.process(out.toString(), false, Map.of(), t.train("--out", "/dev/stdout",
                            "--format", "json"));
                    String err = finished(child);
                    assertThat(child.exitValue()).as(err).isZero();
                    assertThat(dev.backprop.io.ModelFile.read(out).network().layers()).hasSize(2);
                    assertThat(err).contains("\"out\" : \"/dev/stdout\"");
                }),
                of("evaluate | a reader that left (a process)", t -> {
                    Process child = t.process(null, "evaluate", "--model", t.s("m.json"), t.s("v.csv"));
                    child.getInputStream().close();
                    String err = finished(child);
                    assertThat(child.exitValue()).as(err).isZero();
                    assertThat(err).isEmpty();
                }),
                of("tune --results /dev/full: nothing read, the first trial's line refused (a process, 64 MB)", t -> {
                    String full = t.full();
                    Process child = t.process(null, false, Map.of("JAVA_TOOL_OPTIONS", "-Xmx64m"), "tune", t.s("v.csv"),
                            "--search", "hidden=2", "--folds", "2", "--epochs", "2", "--results", full);
                    String err = finished(child);
                    assertThat(child.exitValue()).as(err).isEqualTo(Failures.BAD_INPUT);
                    assertThat(err).contains("error: cannot write " + full + ": no space left on device\n")
                            .doesNotContain("memory");
                    assertDevice(full);
                }),
                of("tune --results /dev/null: nothing to resume from, every trial run", t -> {
                    String nothing = t.nothing();
                    Cli run = t.ok("tune", t.s("v.csv"), "--search", "hidden=2,3", "--folds", "2", "--epochs", "2",
                            "--results", nothing);
                    assertThat(run.out()).contains("2 trials").contains("best: trial ");
                    assertDevice(nothing);
                }),
                of("report --out in a file", t -> t.refused(t.cannot("v.csv/r.html") + ": " + t.s("v.csv")
                        + " is not a directory", t.report("--out", t.s("v.csv/r.html")))));
    }

    private static Arguments of(String name, Scenario scenario) {
        return Arguments.of(name, scenario);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void battery(String name, Scenario scenario) throws Exception {
        Files.writeString(p("v.csv"), DATA);
        Files.write(p("m.json"), model);
        scenario.run(this);
    }

    // What a case runs.

    private String[] train(String... more) {
        return args(List.of("train", s("v.csv"), "--epochs", "2", "--hidden", "2", "-q"), more);
    }

    private String[] predict(String... more) {
        return args(List.of("predict", "--model", s("m.json"), s("v.csv")), more);
    }

    private String[] plot(String... more) {
        return args(List.of("plot", "--model", s("m.json"), s("v.csv")), more);
    }

    private String[] report(String... more) {
        return args(List.of("report", "--model", s("m.json"), s("v.csv")), more);
    }

    private static String[] args(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    private Path p(String name) {
        return dir.resolve(name);
    }

    private String s(String name) {
        return dir.resolve(name).toString();
    }

    /** A directory made for the case, as an argument. */
    private String directory(String name) throws IOException {
        return Files.createDirectories(p(name)).toString();
    }

    /**
     * Waits for a child of {@link #process} to end (ending it after {@link Awaits#LIMIT_SECONDS}: a pipe read to its
     * end would wait for ever) and returns what it wrote on stderr, a line or two that its pipe holds meanwhile.
     */
    private static String finished(Process child) throws IOException, InterruptedException {
        if (!child.waitFor(Awaits.LIMIT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("still running after " + Awaits.LIMIT_SECONDS + " s");
        }
        return new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A {@code backprop} process in the case's directory, its stdout going to {@code stdout} or a pipe if null. */
    private Process process(String stdout, String... args) throws IOException {
        return process(stdout, false, Map.of(), args);
    }

    /**
     * As {@link #process(String, String...)}, stdout appended to the file ({@code >>}) if {@code append}, with
     * {@code environment} added to the child's.
     */
    private Process process(String stdout, boolean append, Map<String, String> environment, String... args)
            throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(args(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, Main.class.getName()), args)).directory(dir.toFile());
        if (stdout != null) {
            builder.redirectOutput(append ? ProcessBuilder.Redirect.appendTo(new java.io.File(stdout))
                    : ProcessBuilder.Redirect.to(new java.io.File(stdout)));
        }
        builder.environment().putAll(environment);
        return builder.start();
    }

    // What a case expects.

    /** Exit 2 and one line when everything the command prints to stdout is lost to a full disk. */
    private void stdoutFails(String... args) throws IOException {
        Map<String, String> before = snapshot();
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Main.run(args, new java.io.PrintStream(full, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Failures.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: cannot write standard output: its disk is "
                + "full or it is closed\n");
        assertThat(snapshot()).isEqualTo(before);
    }

    private String same(String output, String outputPath, String input, String inputPath) {
        return output + " " + s(outputPath) + " is the same file as " + input + " " + s(inputPath)
                + ": writing it would destroy the input";
    }

    private String clash(String first, String firstPath, String second, String secondPath) {
        return first + " " + s(firstPath) + " and " + second + " " + s(secondPath) + " are the same file";
    }

    private String cannot(String name) {
        return "cannot write " + s(name);
    }

    /** Exit 2, one line naming what was expected, nothing on stdout, and the directory exactly as it was. */
    private void refused(String expected, String... args) throws IOException {
        Map<String, String> before = snapshot();
        Cli run = Cli.run(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Failures.BAD_INPUT);
        assertThat(run.err()).startsWith("error: ").contains(expected).doesNotContain("\tat ")
                .doesNotContain(".backprop-").doesNotContain(".tmp");
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(snapshot()).as("files after the refusal").isEqualTo(before);
    }

    /** Exit 0, and the data and model as they were. */
    private Cli ok(String... args) throws IOException {
        Cli run = Cli.run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(p("v.csv"))).isEqualTo(DATA);
        assertThat(Files.readAllBytes(p("m.json"))).isEqualTo(model);
        return run;
    }

    private void noTemporaryFiles() throws IOException {
        assertThat(snapshot().keySet()).noneMatch(name -> name.endsWith(".tmp"));
    }

    /**
     * /dev/null's twin (character device 1:3). Root, who alone could replace /dev/null, gets a node of the case's own,
     * so a broken writer replaces that and not the system's; anyone else gets /dev/null itself.
     */
    private String nothing() throws Exception {
        return device("null", 3);
    }

    /** /dev/full's twin (character device 1:7, every write fails with ENOSPC); see {@link #nothing}. */
    private String full() throws Exception {
        return device("full", 7);
    }

    private String device(String name, int minor) throws Exception {
        Path node = p(name);
        Process process = new ProcessBuilder("mknod", "-m", "666", node.toString(), "c", "1", Integer.toString(minor))
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor() == 0) {
            return node.toString();
        }
        assumeTrue(!Files.isWritable(Path.of("/dev")), "/dev is writable but mknod failed: a broken writer could "
                + "replace /dev/" + name);
        return "/dev/" + name;
    }

    private static void assertDevice(String path) {
        Path device = Path.of(path);
        assertThat(Files.exists(device)).isTrue();
        assertThat(Files.isRegularFile(device, LinkOption.NOFOLLOW_LINKS)).as(device + " is still a device").isFalse();
    }

    /** Every path under the case's directory with what it is: a file's bytes, a link's target, a directory. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.toList()) {
                String what = Files.isSymbolicLink(path) ? "link to " + Files.readSymbolicLink(path)
                        : Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "directory"
                        : Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                        ? new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1) : "other";
                files.put(dir.relativize(path).toString(), what);
            }
        }
        return files;
    }

    // Small file systems of our own.

    @FunctionalInterface
    private interface InMount {
        void run(Path mount) throws Exception;
    }

    /** Runs {@code body} with a tmpfs mounted at {@code mnt} (root only; the case is skipped elsewhere). */
    private void withTmpfs(String options, InMount body) throws Exception {
        Path mount = Files.createDirectory(p("mnt"));
        Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(process.waitFor() == 0, "mounting a tmpfs is not permitted here (needs root): " + said);
        try {
            body.run(mount);
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    /** Fills the file system of {@code mount} until no byte is left. */
    private static void fill(Path mount) throws IOException {
        byte[] page = new byte[4096];
        try (OutputStream out = Files.newOutputStream(mount.resolve("filler"))) {
            while (true) {
                out.write(page);
            }
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("No space left on device");
        }
    }
}
