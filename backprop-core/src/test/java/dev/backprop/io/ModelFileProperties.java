package dev.backprop.io;

import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Random model files: valid ones round-trip exactly; damaged ones load or are refused, and nothing else happens. */
class ModelFileProperties {
    @Provide
    Arbitrary<Model> models() {
        double[] special = {0.0, -0.0, Double.MIN_VALUE, 1e-300, -1e300, Double.MAX_VALUE, 0.1, 1.0 / 3};
        Arbitrary<List<Integer>> widths = Arbitraries.integers().between(1, 5).list().ofMinSize(2).ofMaxSize(5);
        return Combinators.combine(widths, Arbitraries.longs(), Arbitraries.of(Loss.values()),
                Arbitraries.of(ScalingMethod.values())).as((sizes, seed, loss, scaling) -> {
                    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
                    // Categorical cross-entropy needs a softmax output over at least two classes.
                    boolean softmax = loss == Loss.CATEGORICAL_CROSS_ENTROPY;
                    if (softmax && sizes.get(sizes.size() - 1) < 2) {
                        sizes = new ArrayList<>(sizes);
                        sizes.set(sizes.size() - 1, 2);
                    }
                    List<DenseLayer> layers = new ArrayList<>();
                    for (int l = 0; l + 1 < sizes.size(); l++) {
                        double[] w = new double[sizes.get(l) * sizes.get(l + 1)];
                        for (int i = 0; i < w.length; i++) {
                            w[i] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)]
                                    : random.nextDouble(-10, 10);
                        }
                        double[] b = random.nextBoolean() ? null : random.doubles(sizes.get(l + 1), -2, 2).toArray();
                        boolean last = l + 2 == sizes.size();
                        layers.add(new DenseLayer(Matrix.of(sizes.get(l), sizes.get(l + 1), w), b,
                                last && softmax ? Activation.SOFTMAX : Activation.SIGMOID));
                    }
                    Network network = Network.of(layers, loss);
                    int m = sizes.get(0);
                    int k = sizes.get(sizes.size() - 1);
                    Matrix inputs = Matrix.of(2, m, random.doubles(2L * m, -50, 50).toArray());
                    Matrix outputs = Matrix.of(2, k, random.doubles(2L * k, -50, 50).toArray());
                    List<String> names = new ArrayList<>();
                    for (int j = 0; j < m; j++) {
                        names.add("in \"" + j + "\" ü,\n");
                    }
                    return new Model(network, names, Model.unscaled(network).outputs(),
                            Scaling.fit(scaling, inputs), Scaling.fit(scaling, outputs));
                });
    }

    @Property(tries = 200)
    void savedModelsLoadBitIdentical(@ForAll("models") Model model) {
        Model loaded = ModelFile.parse(ModelFile.toJson(model));
        assertThat(loaded.network().parameters()).isEqualTo(model.network().parameters());
        assertThat(loaded.network().architecture()).isEqualTo(model.network().architecture());
        assertThat(loaded.inputs()).isEqualTo(model.inputs());
        assertThat(loaded.inputScaling()).isEqualTo(model.inputScaling());
        assertThat(loaded.outputScaling()).isEqualTo(model.outputScaling());
    }

    @Property(tries = 1000)
    void damagedFilesLoadOrAreRefusedWithAMessage(@ForAll("models") Model model,
                                                  @ForAll @IntRange(min = 0, max = 3) int damage,
                                                  @ForAll @IntRange(min = 0, max = 1_000_000) int where,
                                                  @ForAll char replacement) {
        String json = ModelFile.toJson(model);
        int at = where % json.length();
        String damaged = switch (damage) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + json.substring(at + 1);
            case 2 -> json.substring(0, at) + replacement + json.substring(at + 1);
            default -> json.substring(0, at) + replacement + json.substring(at);
        };
        try {
            Model loaded = ModelFile.parse(damaged);
            assertThat(loaded.network().depth()).isPositive();
        } catch (InvalidModelException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }
}
