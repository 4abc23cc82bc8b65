package dev.backprop.cli.plot;

import dev.backprop.model.Model;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Network;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The network as the seed draws it: input, hidden and output nodes in columns, every weight an edge between two
 * nodes. An edge's thickness shows |w| (relative to the largest weight of the network) and its colour the sign: blue
 * for positive, red for negative. A layer with a bias gets a square "1" node above its input column, whose edges are
 * the biases. Columns with more than {@value #MAX_SHOWN} nodes show their first and last nodes around an ellipsis.
 */
public final class NetworkDrawing {
    static final int MAX_SHOWN = 16;
    /** Between two layers, at most this many weights are drawn (the strongest). */
    static final int STRONGEST = 60;
    static final Color POSITIVE = new Color(0x1f77b4);
    static final Color NEGATIVE = new Color(0xd62728);
    private static final Color NODE = new Color(0xf4f4f4);
    private static final Color OUTLINE = new Color(0x333333);

    private NetworkDrawing() {
    }

    /** A picture of {@code model}'s network, {@code width} x {@code height} pixels. */
    public static Picture of(Model model, int width, int height) {
        return Picture.of(width, height, g -> paint(g, model, width, height));
    }

    /** Which node indices of a column of {@code count} are drawn; -1 marks the ellipsis. */
    static int[] shown(int count) {
        if (count <= MAX_SHOWN) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        int half = MAX_SHOWN / 2;
        int[] some = new int[MAX_SHOWN + 1];
        for (int i = 0; i < half; i++) {
            some[i] = i;
            some[half + 1 + i] = count - half + i;
        }
        some[half] = -1;
        return some;
    }

    static void paint(Graphics2D g, Model model, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        Network network = model.network();
        List<DenseLayer> layers = network.layers();
        int columns = layers.size() + 1;
        int[] sizes = new int[columns];
        sizes[0] = layers.get(0).inputs();
        for (int l = 0; l < layers.size(); l++) {
            sizes[l + 1] = layers.get(l).outputs();
        }
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        // A name wider than a fifth of the picture is cut short, so that a long one cannot push the network off it.
        int longestLabel = width / 5;
        List<String> inputs = labels(metrics, model.inputs(), longestLabel);
        List<String> outputs = labels(metrics, model.outputs(), longestLabel);
        int leftLabel = widest(metrics, inputs) + 16;
        int rightLabel = widest(metrics, outputs) + 16;
        double top = 100;
        double bottom = height - 50;
        double left = leftLabel + 20;
        double right = width - rightLabel - 20;
        double gap = columns > 1 ? (right - left) / (columns - 1) : 0;
        double largestRows = 1;
        for (int size : sizes) {
            largestRows = Math.max(largestRows, shown(size).length + 1);
        }
        double radius = Math.max(4, Math.min(18, (bottom - top) / largestRows / 2.6));

        double[][] ys = new double[columns][];
        double[] xs = new double[columns];
        for (int c = 0; c < columns; c++) {
            xs[c] = left + c * gap;
            int[] nodes = shown(sizes[c]);
            ys[c] = new double[nodes.length + 1];
            double step = (bottom - top) / (nodes.length + 1);
            for (int i = 0; i <= nodes.length; i++) {
                ys[c][i] = top + step * (i + 0.5); // slot 0 is the bias node's place
            }
        }
        double largest = 0;
        for (DenseLayer layer : layers) {
            for (double[] row : layer.weights().toRows()) {
                for (double w : row) {
                    largest = Math.max(largest, Math.abs(w));
                }
            }
            if (layer.hasBias()) {
                for (double b : layer.bias()) {
                    largest = Math.max(largest, Math.abs(b));
                }
            }
        }
        largest = largest == 0 ? 1 : largest;

        boolean thinned = false;
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            int[] from = shown(sizes[l]);
            int[] to = shown(sizes[l + 1]);
            double cutoff = cutoff(layer, from, to);
            thinned |= cutoff > 0;
            for (int a = 0; a < from.length; a++) {
                for (int b = 0; b < to.length; b++) {
                    if (from[a] >= 0 && to[b] >= 0
                            && Math.abs(layer.weights().get(from[a], to[b])) >= cutoff) {
                        edge(g, xs[l], ys[l][a + 1], xs[l + 1], ys[l + 1][b + 1],
                                layer.weights().get(from[a], to[b]), largest);
                    }
                }
            }
            if (layer.hasBias()) {
                double[] bias = layer.bias();
                for (int b = 0; b < to.length; b++) {
                    if (to[b] >= 0) {
                        edge(g, xs[l], ys[l][0], xs[l + 1], ys[l + 1][b + 1], bias[to[b]], largest);
                    }
                }
            }
        }
        g.setStroke(new BasicStroke(1.5f));
        for (int c = 0; c < columns; c++) {
            int[] nodes = shown(sizes[c]);
            for (int i = 0; i < nodes.length; i++) {
                double y = ys[c][i + 1];
                if (nodes[i] < 0) {
                    g.setColor(OUTLINE);
                    centred(g, "⋮ " + (sizes[c] - MAX_SHOWN) + " more", xs[c], y);
                    continue;
                }
                Ellipse2D circle = new Ellipse2D.Double(xs[c] - radius, y - radius, 2 * radius, 2 * radius);
                g.setColor(NODE);
                g.fill(circle);
                g.setColor(OUTLINE);
                g.draw(circle);
                if (c == 0) {
                    String name = inputs.get(nodes[i]);
                    g.drawString(name, (float) (xs[c] - radius - 8 - metrics.stringWidth(name)),
                            (float) (y + metrics.getAscent() / 2.0 - 2));
                } else if (c == columns - 1) {
                    g.drawString(outputs.get(nodes[i]), (float) (xs[c] + radius + 8),
                            (float) (y + metrics.getAscent() / 2.0 - 2));
                }
            }
            if (c < layers.size() && layers.get(c).hasBias()) {
                Rectangle2D square = new Rectangle2D.Double(xs[c] - radius * 0.8, ys[c][0] - radius * 0.8,
                        radius * 1.6, radius * 1.6);
                g.setColor(NODE);
                g.fill(square);
                g.setColor(OUTLINE);
                g.draw(square);
                centred(g, "1", xs[c], ys[c][0]);
            }
            g.setColor(OUTLINE);
            String heading = c == 0 ? "input" : c == columns - 1 ? "output" : "hidden " + c;
            String detail = c == 0 ? sizes[0] + " nodes" : layers.get(c - 1).activation().id() + ", " + sizes[c];
            centred(g, heading, xs[c], top - 34);
            centred(g, detail, xs[c], top - 18);
        }
        g.setColor(OUTLINE);
        g.setFont(font.deriveFont(Font.BOLD, 15f));
        g.drawString(network.architecture().toString(), 16, 24);
        g.setFont(font);
        legend(g, height, largest);
        if (thinned) {
            g.drawString("between large layers only the " + STRONGEST + " strongest weights shown are drawn",
                    16, (float) height - 40);
        }
    }

    /**
     * The smallest |w| drawn between the shown units of {@code layer}: 0 (all) when they have at most
     * {@link #STRONGEST} weights between them, else the {@link #STRONGEST}-th largest |w|, so a wide network's
     * drawing shows its strongest paths instead of a solid mesh.
     */
    static double cutoff(DenseLayer layer, int[] from, int[] to) {
        double[] magnitudes = new double[from.length * to.length];
        int n = 0;
        for (int a : from) {
            for (int b : to) {
                if (a >= 0 && b >= 0) {
                    magnitudes[n++] = Math.abs(layer.weights().get(a, b));
                }
            }
        }
        if (n <= STRONGEST) {
            return 0;
        }
        double[] sorted = java.util.Arrays.copyOf(magnitudes, n);
        java.util.Arrays.sort(sorted);
        return sorted[n - STRONGEST];
    }

    private static void edge(Graphics2D g, double x1, double y1, double x2, double y2, double w, double largest) {
        double t = Math.abs(w) / largest;
        Color base = w >= 0 ? POSITIVE : NEGATIVE;
        g.setColor(new Color(base.getRed(), base.getGreen(), base.getBlue(), (int) Math.round(60 + 195 * t)));
        g.setStroke(new BasicStroke((float) (0.5 + 6.5 * t), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    private static void legend(Graphics2D g, int height, double largest) {
        double y = height - 20;
        g.setStroke(new BasicStroke(4f));
        g.setColor(POSITIVE);
        g.draw(new Line2D.Double(16, y, 46, y));
        g.setColor(OUTLINE);
        g.drawString("positive weight", 52, (float) y + 4);
        g.setColor(NEGATIVE);
        g.draw(new Line2D.Double(170, y, 200, y));
        g.setColor(OUTLINE);
        g.drawString("negative weight", 206, (float) y + 4);
        g.drawString(String.format(java.util.Locale.ROOT, "thickness: |w|, thickest = %.3g", largest), 330,
                (float) y + 4);
    }

    private static void centred(Graphics2D g, String text, double x, double y) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (float) (x - metrics.stringWidth(text) / 2.0), (float) (y + metrics.getAscent() / 2.0 - 2));
    }

    /** Each name as drawn: whole if it is at most {@code most} pixels wide, else its start and "…" within them. */
    static List<String> labels(FontMetrics metrics, List<String> names, int most) {
        List<String> labels = new ArrayList<>(names.size());
        for (String name : names) {
            if (metrics.stringWidth(name) <= most) {
                labels.add(name);
                continue;
            }
            int end = name.offsetByCodePoints(0, Math.min(name.codePointCount(0, name.length()), most));
            while (end > 0 && metrics.stringWidth(name.substring(0, end) + "…") > most) {
                end = name.offsetByCodePoints(end, -1);
            }
            labels.add(name.substring(0, end) + "…");
        }
        return labels;
    }

    private static int widest(FontMetrics metrics, List<String> names) {
        int widest = 0;
        for (String name : new ArrayList<>(names)) {
            widest = Math.max(widest, metrics.stringWidth(name));
        }
        return widest;
    }
}
