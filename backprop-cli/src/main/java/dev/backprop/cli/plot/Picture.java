package dev.backprop.cli.plot;

import dev.backprop.io.AtomicFiles;
import dev.backprop.linalg.MemoryBudget;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A picture written to PNG or SVG, chosen by the file's extension. One painter draws onto a {@link Graphics2D};
 * for PNG that is a bitmap, for SVG JFreeSVG's recording graphics, so both formats show the same drawing. Files are
 * written atomically. Runs headless: no display is needed.
 */
public final class Picture {
    private final int width;
    private final int height;
    private final Consumer<Graphics2D> painter;

    private Picture(int width, int height, Consumer<Graphics2D> painter) {
        this.width = width;
        this.height = height;
        this.painter = painter;
    }

    public static Picture of(int width, int height, Consumer<Graphics2D> painter) {
        return new Picture(width, height, painter);
    }

    public static Picture of(JFreeChart chart, int width, int height) {
        return new Picture(width, height, g -> chart.draw(g, new Rectangle2D.Double(0, 0, width, height)));
    }

    /**
     * Charts one above the other, each drawn in a panel of {@code width} x {@code panelHeight}: the picture is
     * {@code width} x (charts x {@code panelHeight}).
     *
     * @param charts      the panels, the first on top; at least one
     * @param width       each panel's width and the picture's, in pixels
     * @param panelHeight each panel's height, in pixels
     * @return the picture
     */
    public static Picture stacked(List<JFreeChart> charts, int width, int panelHeight) {
        List<JFreeChart> panels = List.copyOf(charts);
        return new Picture(width, panelHeight * panels.size(), g -> {
            for (int p = 0; p < panels.size(); p++) {
                panels.get(p).draw(g, new Rectangle2D.Double(0, (double) p * panelHeight, width, panelHeight));
            }
        });
    }

    /**
     * The format {@code file}'s extension names.
     *
     * @throws IllegalArgumentException unless it ends in .png or .svg
     */
    public static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".svg")) {
            return "svg";
        }
        throw new IllegalArgumentException(file + ": a picture's file name must end in .png or .svg");
    }

    /** Writes the picture to {@code file} as PNG or SVG. */
    public void write(Path file) throws IOException {
        if (format(file).equals("svg")) {
            String svg = svg();
            AtomicFiles.write(file, out -> out.write(svg.getBytes(StandardCharsets.UTF_8)));
        } else {
            BufferedImage image = png();
            AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
        }
    }

    /**
     * The picture as an SVG document. A character XML cannot hold (a control character, U+FFFE or U+FFFF: a column
     * or class name may have one) is written as U+FFFD, since one such character would make the whole document
     * unreadable to every viewer.
     */
    public String svg() {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        painter.accept(g);
        return xmlCharacters(g.getSVGDocument());
    }

    /** The picture as an {@code <svg>} element, for embedding in HTML, with {@link #svg()}'s characters. */
    public String svgElement() {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        painter.accept(g);
        return xmlCharacters(g.getSVGElement());
    }

    /** {@code text} with each character XML 1.0 does not allow (a lone surrogate too) replaced by U+FFFD. */
    static String xmlCharacters(String text) {
        if (text.codePoints().allMatch(Picture::allowedInXml)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(allowedInXml(c) ? c : 0xFFFD));
        return out.toString();
    }

    /** XML 1.0's {@code Char}: tab, line feed, carriage return, and U+0020 on but for surrogates, U+FFFE and U+FFFF. */
    private static boolean allowedInXml(int c) {
        return c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    /**
     * The picture as an {@code <img>} element holding it as PNG, for embedding in HTML: for pictures with many
     * shapes (a surface's thousands of cells) a bitmap is far smaller than SVG.
     *
     * @param alt the text that stands for it
     */
    public String pngElement(String alt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(png(), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "<img width=\"" + width + "\" height=\"" + height + "\" alt=\"" + alt.replace("&", "&amp;")
                .replace("\"", "&quot;").replace("<", "&lt;") + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(bytes.toByteArray()) + "\">";
    }

    /**
     * The picture as a bitmap.
     *
     * @throws dev.backprop.linalg.TooLargeException if the heap cannot hold its pixels (4 bytes each: a 10,000 x
     *                                               10,000 picture takes 381 MB), before any is allocated
     */
    public BufferedImage png() {
        MemoryBudget.heap().require(MemoryBudget.times(MemoryBudget.times(width, height), Integer.BYTES),
                "a " + MemoryBudget.count(width) + " x " + MemoryBudget.count(height) + " picture as PNG", "4 bytes a "
                        + "pixel", "draw it smaller (--width, --height) or as .svg");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }
}
