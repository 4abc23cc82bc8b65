package dev.backprop.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partitions' sums are merged in partition order whatever order the tasks end in. The merge here is
 * concatenation, which shows its order; each partition's task sleeps less than the one before it, so the later
 * partitions end first, and Spark's own treeAggregate merged them on the driver in that order.
 */
class OrderedAggregateTest {
    @ParameterizedTest(name = "{0} partitions, depth {1}")
    @CsvSource({"1, 2", "2, 2", "7, 2", "20, 2", "20, 3", "20, 1"})
    void partitionsAreMergedInTheirOrderWhateverOrderTheyEndIn(int partitions, int depth) {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        List<Integer> elements = IntStream.range(0, partitions * 3).boxed().toList();
        JavaRDD<Integer> rdd = spark.parallelize(elements, partitions).mapPartitionsWithIndex((index, it) -> {
            // The last partition returns at once, each earlier one a little later: they end in reverse order.
            Thread.sleep(5L * (partitions - 1 - index));
            return it;
        }, true);

        ArrayList<Integer> all = OrderedAggregate.of(rdd, new ArrayList<>(), (list, e) -> {
            list.add(e);
            return list;
        }, (a, b) -> {
            a.addAll(b);
            return a;
        }, depth);

        assertThat(all).containsExactlyElementsOf(elements);
    }
}
