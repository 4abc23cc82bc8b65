package dev.backprop.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A JVM of its own for {@link AtomicFilesProcessTest}: what happens to a write depends on the process's descriptors
 * and on how the process ends, which a test cannot change in its own JVM.
 *
 * <p>{@code print PATH}: prints {@code before}, writes {@code written} to PATH, prints {@code after}, each a line on
 * standard output. {@code hang PATH}: starts writing PATH, says {@code writing} on standard output once the first
 * bytes are out, and never finishes. {@code atExit PATH}: the first write of the JVM is to PATH from a shutdown hook,
 * and says how it ended on standard output.
 */
final class AtomicWriteChild {
    private AtomicWriteChild() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[1]);
        if (args[0].equals("atExit")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    AtomicFiles.writeString(target, "written\n");
                    System.out.println("written");
                } catch (Throwable e) {
                    System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                System.out.flush();
            }));
            return;
        }
        if (args[0].equals("print")) {
            System.out.println("before");
            System.out.flush();
            AtomicFiles.writeString(target, "written\n");
            System.out.println("after");
            System.out.flush();
            return;
        }
        AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
