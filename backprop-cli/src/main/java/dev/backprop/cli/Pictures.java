package dev.backprop.cli;

/** Checks shared by the commands that write pictures. */
final class Pictures {
    static final int MAX_SIDE = 10_000;

    private Pictures() {
    }

    static void checkSize(int width, int height) {
        if (width < 200 || height < 150 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new UserException("--width must be 200 to " + MAX_SIDE + " and --height 150 to " + MAX_SIDE
                    + " pixels but were " + width + " and " + height);
        }
    }
}
