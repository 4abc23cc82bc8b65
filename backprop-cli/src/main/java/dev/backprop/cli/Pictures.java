package dev.backprop.cli;

import picocli.CommandLine.Option;

/** The size of a picture a command writes: options shared by plot and draw, checked once here. */
final class Pictures {
    static final int MAX_SIDE = 10_000;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "900",
            description = "Width in pixels, 200 to 10000. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "600",
            description = "Height in pixels, 150 to 10000. Default: ${DEFAULT-VALUE}.")
    int height;

    /** @throws UserException naming the allowed ranges if a side is out of them */
    void check() {
        if (width < 200 || height < 150 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new UserException("--width must be 200 to " + MAX_SIDE + " and --height 150 to " + MAX_SIDE
                    + " pixels but were " + width + " and " + height);
        }
    }
}
