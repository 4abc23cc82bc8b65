package dev.backprop.spark;

import dev.backprop.data.Scaling;
import dev.backprop.linalg.Matrix;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Turns one partition of rows (the inputs in columns 0..m-1, the targets in m..m+k-1, all doubles) into
 * {@link Block}s of at most {@code blockRows} rows, scaled with the fitted scalings. Runs once per partition, when
 * the data is first cached; the core's {@link Scaling#apply} does the arithmetic, so every value is bit-identical to
 * what the core's trainer feeds its network.
 */
final class BlockPacker implements Function2<Integer, Iterator<Row>, Iterator<Block>> {
    private static final long serialVersionUID = 1L;

    private final int inputs;
    private final int outputs;
    private final int blockRows;
    private final ScalingShape inputScaling;
    private final ScalingShape outputScaling;

    BlockPacker(int inputs, int outputs, int blockRows, ScalingShape inputScaling, ScalingShape outputScaling) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.blockRows = blockRows;
        this.inputScaling = inputScaling;
        this.outputScaling = outputScaling;
    }

    @Override
    public Iterator<Block> call(Integer partition, Iterator<Row> rows) {
        Scaling xScaling = inputScaling.toScaling();
        Scaling yScaling = outputScaling.toScaling();
        List<Block> blocks = new ArrayList<>();
        double[] x = new double[blockRows * inputs];
        double[] y = new double[blockRows * outputs];
        int filled = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            for (int j = 0; j < inputs; j++) {
                x[filled * inputs + j] = value(row, j);
            }
            for (int o = 0; o < outputs; o++) {
                y[filled * outputs + o] = value(row, inputs + o);
            }
            filled++;
            if (filled == blockRows) {
                blocks.add(block(partition, blocks.size(), filled, x, y, xScaling, yScaling));
                filled = 0;
            }
        }
        if (filled > 0) {
            blocks.add(block(partition, blocks.size(), filled, x, y, xScaling, yScaling));
        }
        return blocks.iterator();
    }

    private Block block(int partition, int index, int rows, double[] x, double[] y, Scaling xScaling,
                        Scaling yScaling) {
        // Matrix.of copies, so the full-size buffers can be refilled for the next block.
        double[] scaledX = xScaling.apply(Matrix.of(rows, inputs, prefix(x, rows * inputs))).toArray();
        double[] scaledY = yScaling.apply(Matrix.of(rows, outputs, prefix(y, rows * outputs))).toArray();
        return new Block(((long) partition << 32) | index, rows, scaledX, scaledY);
    }

    private static double[] prefix(double[] values, int length) {
        return values.length == length ? values : Arrays.copyOf(values, length);
    }

    private static double value(Row row, int column) {
        if (row.isNullAt(column)) {
            // The statistics pass refuses missing values before packing; this guards against data that changed since.
            throw new IllegalStateException("a value is missing in column " + (column + 1)
                    + " of the selected data although the statistics pass found none (did the source change?)");
        }
        return row.getDouble(column);
    }
}
