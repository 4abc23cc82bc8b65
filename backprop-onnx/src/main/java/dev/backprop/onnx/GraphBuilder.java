package dev.backprop.onnx;

import dev.backprop.onnx.proto.OnnxProto.AttributeProto;
import dev.backprop.onnx.proto.OnnxProto.GraphProto;
import dev.backprop.onnx.proto.OnnxProto.NodeProto;
import dev.backprop.onnx.proto.OnnxProto.TensorProto;
import dev.backprop.onnx.proto.OnnxProto.TensorShapeProto;
import dev.backprop.onnx.proto.OnnxProto.TypeProto;
import dev.backprop.onnx.proto.OnnxProto.ValueInfoProto;

import com.google.protobuf.ByteString;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An ONNX graph under construction: nodes in order, constants as initializers, and tensor names that never collide
 * with the graph's inputs and outputs (named after the data's columns, which may be any text). Not thread-safe.
 */
final class GraphBuilder {
    /** The domain of the classic ML operators (OneHotEncoder). */
    static final String ML_DOMAIN = "ai.onnx.ml";
    /** The symbolic batch dimension of every input and output. */
    static final String ROWS = "N";

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("backprop");
    private final Set<String> taken = new HashSet<>();
    private int next;

    /**
     * A graph whose inputs and outputs will bear {@code reserved} names, so that no intermediate tensor takes one.
     */
    GraphBuilder(Set<String> reserved) {
        taken.addAll(reserved);
    }

    /** A new tensor name, unused so far: {@code hint_k}. */
    String fresh(String hint) {
        String name;
        do {
            name = hint + "_" + next++;
        } while (!taken.add(name));
        return name;
    }

    /** Declares a graph input of element type {@code type} and shape [N, width]. */
    void input(String name, TensorProto.DataType type, long width) {
        taken.add(name);
        graph.addInput(valueInfo(name, type, width));
    }

    /** Declares a graph output of element type {@code type}, shape [N, width], or [N] for no width. */
    void output(String name, TensorProto.DataType type, long... width) {
        taken.add(name);
        graph.addOutput(valueInfo(name, type, width));
    }

    /**
     * States the type and shape [N, dims...] of an intermediate tensor, for an operator whose schema infers none
     * (ai.onnx.ml.OneHotEncoder), so that the checker's strict shape inference can go on past it.
     */
    void declare(String name, TensorProto.DataType type, long... dims) {
        graph.addValueInfo(valueInfo(name, type, dims));
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(ROWS));
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /** A double constant of shape {@code dims} holding {@code values} (row-major); returns its name. */
    String doubles(String hint, double[] values, long... dims) {
        TensorProto.Builder t = tensor(hint, TensorProto.DataType.DOUBLE, dims);
        for (double v : values) {
            t.addDoubleData(v);
        }
        graph.addInitializer(t);
        return t.getName();
    }

    /** A float constant of shape {@code dims} holding {@code values} (row-major), each rounded to float; returns its name. */
    String floats(String hint, double[] values, long... dims) {
        TensorProto.Builder t = tensor(hint, TensorProto.DataType.FLOAT, dims);
        for (double v : values) {
            t.addFloatData((float) v);
        }
        graph.addInitializer(t);
        return t.getName();
    }

    /** An int64 constant of shape {@code dims}; returns its name. */
    String longs(String hint, long[] values, long... dims) {
        TensorProto.Builder t = tensor(hint, TensorProto.DataType.INT64, dims);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return t.getName();
    }

    /** A string constant of shape {@code dims}, UTF-8 encoded; returns its name. */
    String strings(String hint, List<String> values, long... dims) {
        TensorProto.Builder t = tensor(hint, TensorProto.DataType.STRING, dims);
        for (String v : values) {
            t.addStringData(ByteString.copyFrom(v, StandardCharsets.UTF_8));
        }
        graph.addInitializer(t);
        return t.getName();
    }

    private TensorProto.Builder tensor(String hint, TensorProto.DataType type, long[] dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(fresh(hint)).setDataType(type.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    /**
     * Appends a node of operator {@code op} (in the default domain, or {@link #ML_DOMAIN}) reading {@code inputs}
     * and writing {@code output}; returns {@code output}.
     */
    String node(String domain, String op, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(fresh(op)).addAllInput(inputs)
                .addOutput(output);
        if (!domain.isEmpty()) {
            node.setDomain(domain);
        }
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return output;
    }

    /** A node of the default domain writing a fresh tensor named after {@code op}; returns that name. */
    String node(String op, List<String> inputs, AttributeProto... attributes) {
        return node("", op, inputs, fresh(op.toLowerCase(Locale.ROOT)), attributes);
    }

    /** An integer attribute. */
    static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value)
                .build();
    }

    /** A list-of-strings attribute, UTF-8 encoded. */
    static AttributeProto attribute(String name, List<String> values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.STRINGS);
        for (String v : values) {
            a.addStrings(ByteString.copyFrom(v, StandardCharsets.UTF_8));
        }
        return a.build();
    }

    /** The graph built so far. */
    GraphProto build() {
        return graph.build();
    }
}
