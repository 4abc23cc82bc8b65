package dev.backprop.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import java.io.IOException;

/**
 * A checkpoint's flat array of doubles (parameters, optimizer state) as a JSON value {@code [v_1, ...]}, written
 * straight from the array as the file is written, for the reason {@link ParameterRows} gives; the same tokens, and so
 * the same bytes, as a tree of number nodes.
 */
final class NumberArray extends JsonSerializable.Base {
    private final double[] values;

    /** @param values the numbers; not modified, and read when the file is written */
    NumberArray(double[] values) {
        this.values = values;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeStartArray();
        for (double v : values) {
            generator.writeNumber(v);
        }
        generator.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider provider, TypeSerializer types)
            throws IOException {
        serialize(generator, provider);
    }
}
