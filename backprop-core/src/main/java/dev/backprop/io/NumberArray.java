package dev.backprop.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import java.io.IOException;

/**
 * A flat array of parameters as a JSON value {@code [v_1, ...]} (a layer's biases, a checkpoint's parameters and
 * optimizer state), written straight from the array as the file is written, for the reason {@link ParameterRows}
 * gives; the same tokens, and so the same bytes, as a tree of number nodes.
 */
final class NumberArray extends JsonSerializable.Base {
    private final double[] values;
    private final boolean single;

    /**
     * @param values the numbers; not modified, and read when the file is written
     * @param single whether they are a float32 network's (each written in its shortest float form)
     */
    NumberArray(double[] values, boolean single) {
        this.values = values;
        this.single = single;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeStartArray();
        for (double v : values) {
            write(generator, v, single);
        }
        generator.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider provider, TypeSerializer types)
            throws IOException {
        serialize(generator, provider);
    }

    /** One parameter: as a double, or as a float in its shortest form. */
    static void write(JsonGenerator generator, double v, boolean single) throws IOException {
        if (single) {
            generator.writeRawValue(FloatText.of((float) v));
        } else {
            generator.writeNumber(v);
        }
    }
}
