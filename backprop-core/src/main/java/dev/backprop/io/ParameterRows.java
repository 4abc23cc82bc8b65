package dev.backprop.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.backprop.linalg.Matrix;

import java.io.IOException;

/**
 * A layer's weights as a JSON value, {@code [[w_11, ...], ...]} with one row per input, written straight from the
 * matrix as the file is written. A tree of one node per weight costs tens of bytes for each 8-byte number, and its
 * text a few dozen more: a network that fitted in memory for training could then not be saved. The tokens are those
 * the tree wrote (a double as a number, a float32 network's value in its shortest float form), so the bytes are too.
 */
final class ParameterRows extends JsonSerializable.Base {
    private final Matrix weights;
    private final boolean single;

    /**
     * @param weights the layer's weights, inputs x outputs; not modified, and read when the file is written
     * @param single  whether the network is float32 (each value written in its shortest float form)
     */
    ParameterRows(Matrix weights, boolean single) {
        this.weights = weights;
        this.single = single;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeStartArray();
        for (int i = 0; i < weights.rows(); i++) {
            generator.writeStartArray();
            for (int j = 0; j < weights.cols(); j++) {
                NumberArray.write(generator, weights.get(i, j), single);
            }
            generator.writeEndArray();
        }
        generator.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider provider, TypeSerializer types)
            throws IOException {
        serialize(generator, provider);
    }
}
