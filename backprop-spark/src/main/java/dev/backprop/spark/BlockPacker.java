package dev.backprop.spark;

import dev.backprop.train.RowBlock;
import dev.backprop.data.Scaling;
import dev.backprop.linalg.Matrix;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns one partition of rows into {@link RowBlock}s of at most {@code blockRows} rows: each chunk of rows is encoded
 * by a {@link RowEncoder} (numbers as they are, or the core's preprocessor) and scaled with the fitted scalings (or
 * left unscaled, for the moments a standard scaling is fitted on). Runs
 * once per partition, when the data is first cached; the core does the arithmetic ({@link Scaling#apply}), so every
 * value is bit-identical to what the core's trainer feeds its network.
 */
final class BlockPacker implements Function2<Integer, Iterator<Row>, Iterator<RowBlock>> {
    private static final long serialVersionUID = 1L;

    private final RowEncoder encoder;
    private final int blockRows;
    private final Scaling inputScaling;
    private final Scaling outputScaling;

    BlockPacker(RowEncoder encoder, int blockRows, Scaling inputScaling, Scaling outputScaling) {
        this.encoder = encoder;
        this.blockRows = blockRows;
        this.inputScaling = inputScaling;
        this.outputScaling = outputScaling;
    }

    @Override
    public Iterator<RowBlock> call(Integer partition, Iterator<Row> rows) {
        List<RowBlock> blocks = new ArrayList<>();
        List<Row> chunk = new ArrayList<>(blockRows);
        while (rows.hasNext()) {
            chunk.add(rows.next());
            if (chunk.size() == blockRows || !rows.hasNext()) {
                RowEncoder.Encoded encoded = encoder.encode(chunk);
                long id = ((long) partition << 32) | blocks.size();
                blocks.add(new RowBlock(id, chunk.size(), scaled(inputScaling, encoded.x()),
                        scaled(outputScaling, encoded.y()), encoded.w()));
                chunk.clear();
            }
        }
        return blocks.iterator();
    }

    /** The values scaled, or as they are for a null scaling. */
    private static double[] scaled(Scaling scaling, Matrix values) {
        return scaling == null ? values.toArray() : scaling.apply(values).toArray();
    }
}
