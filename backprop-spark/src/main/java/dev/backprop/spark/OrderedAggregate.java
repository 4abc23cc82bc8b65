package dev.backprop.spark;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Spark's {@code treeAggregate} with the partitions' sums always merged in the order of their partitions. Spark
 * merges the last level on the driver as the tasks finish, so the floating-point sums (∇J, J, the columns' moments)
 * came out in another order, and other last bits, from one run to the next: same seed, other bits. Here every level
 * merges by partition index: the first level sums each partition's elements in order, as treeAggregate does; each
 * further level (as many as treeAggregate makes for {@code depth}) merges runs of consecutive sums, each run in index
 * order; the driver merges what is left in index order. So the sums are merged in the order of the partitions.
 */
final class OrderedAggregate {
    private OrderedAggregate() {
    }

    /**
     * The elements of {@code rdd} added into {@code zero} partition by partition, and the partitions' sums merged in
     * partition order in a tree of {@code depth} levels.
     *
     * @param rdd   the elements
     * @param zero  the empty sum; each task adds into its own copy (Spark deserialises it per task)
     * @param add   adds an element into a sum, returning the sum (it may modify and return its first argument)
     * @param merge merges the second sum into the first, returning the result (likewise)
     * @param depth the tree's depth, ≥ 1, as treeAggregate's
     * @param <E>   the element type
     * @param <S>   the sum type
     * @return the sum of all elements; {@code zero} for an RDD without partitions
     */
    static <E, S extends Serializable> S of(JavaRDD<E> rdd, S zero, Function2<S, E, S> add,
                                            Function2<S, S, S> merge, int depth) {
        int partitions = rdd.getNumPartitions();
        if (partitions == 0) {
            return zero;
        }
        JavaPairRDD<Integer, S> sums = JavaPairRDD.fromJavaRDD(rdd.mapPartitionsWithIndex((index, elements) -> {
            S sum = zero;
            while (elements.hasNext()) {
                sum = add.call(sum, elements.next());
            }
            return List.of(new Tuple2<>(index, sum)).iterator();
        }, true));
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / depth)), 2);
        int groups = partitions;
        while (groups > scale + Math.ceil((double) groups / scale)) {
            int size = (groups + groups / scale - 1) / (groups / scale);
            groups = (groups + size - 1) / size;
            int width = size;
            // Runs of consecutive indices: merging the runs in order then merges every sum in index order.
            sums = sums.mapToPair(sum -> new Tuple2<>(sum._1() / width, sum))
                    .groupByKey(new HashPartitioner(groups))
                    .mapToPair(group -> {
                        List<Tuple2<Integer, S>> members = new ArrayList<>();
                        group._2().forEach(members::add);
                        return new Tuple2<>(group._1(), inOrder(members, merge));
                    });
        }
        return inOrder(new ArrayList<>(sums.collect()), merge);
    }

    /** The sums merged in the order of their indices. */
    private static <S> S inOrder(List<Tuple2<Integer, S>> sums, Function2<S, S, S> merge) {
        sums.sort(Comparator.comparing((Tuple2<Integer, S> sum) -> sum._1()));
        S total = sums.get(0)._2();
        for (int i = 1; i < sums.size(); i++) {
            try {
                total = merge.call(total, sums.get(i)._2());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                // Spark's function type declares Exception; the merges given here throw none that is checked.
                throw new IllegalStateException(e);
            }
        }
        return total;
    }
}
