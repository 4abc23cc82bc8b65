package dev.backprop.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.command.CategoricalOption;
import dev.backprop.command.ColumnOptions;
import dev.backprop.command.CommandRunner;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.DataFormatOption;
import dev.backprop.command.FileRoles;
import dev.backprop.command.Interruption;
import dev.backprop.command.KeepOption;
import dev.backprop.command.ModelOptions;
import dev.backprop.command.TimeLimitOption;
import dev.backprop.command.OutputFormat;
import dev.backprop.command.TrainingOptions;
import dev.backprop.command.WeightOptions;
import dev.backprop.data.ClassWeights;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.model.Model;
import dev.backprop.nn.Network;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.Preset;
import dev.backprop.train.StopReason;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingListener;
import dev.backprop.train.TrainingResult;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
import dev.backprop.train.TrainingSummary;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code backprop train} on Apache Spark: reads CSV or Parquet from any path Hadoop can open, trains with
 * {@link SparkTrainer}, and writes the model file the {@code backprop} command line reads. The main class of
 * {@code backprop-spark.jar}:
 *
 * <pre>
 * spark-submit --class dev.backprop.spark.SparkTrain backprop-spark.jar hdfs:///data/houses.parquet --target price \
 *     --hidden 16 --bias --loss mse --learning-rate 0.5 --epochs 500 --out hdfs:///models/price.json
 * </pre>
 *
 * Without spark-submit (or {@code --master}) it runs Spark in {@code local[*]} inside its own JVM. Errors and exit
 * codes as the command line's ({@link CommandRunner}, with Spark's own bad input from {@link SparkErrors}): 0 success,
 * 2 bad usage or bad input, 1 anything else; errors are one line {@code error: ...} on stderr.
 */
@Command(name = "backprop-spark", version = "backprop-spark 0.1.0",
        modelTransformer = SparkSettingOptions.class,
        description = {"Train a network on DATA with Apache Spark and write the model file.",
                "DATA is CSV or TSV (header row) or Parquet, at any path Hadoop reads (file:, hdfs:, s3a:, ...). "
                        + "Columns are typed, screened (identifiers left out, ISO dates read as numbers), encoded and "
                        + "filled as 'backprop train' does, and the task is chosen by its rule; the full-batch "
                        + "optimizers (gd, lbfgs, bfgs) give the same model as 'backprop train --preset seed' with the "
                        + "same options."},
        footer = {"", "Examples:",
                "  backprop-spark data.csv --target price --hidden 8 --bias --loss mse --master local[2]",
                "  spark-submit --class dev.backprop.spark.SparkTrain backprop-spark.jar hdfs:///d.parquet "
                        + "--target y --out hdfs:///m.json"})
public final class SparkTrain implements Callable<Integer> {
    /** The fraction of rows a mini-batch optimizer reads per iteration unless told otherwise. */
    static final double DEFAULT_SAMPLE_FRACTION = 0.1;

    @Parameters(index = "0", paramLabel = "DATA", description = "CSV, TSV or Parquet file or directory (Hadoop path).")
    String data;

    @Mixin
    ColumnOptions columnOptions;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataFormatOption dataFormat;

    @Mixin
    CommonOptions common;

    @Mixin
    KeepOption keep;

    @Mixin
    CategoricalOption categorical;

    @Mixin
    WeightOptions weightOptions;

    /** backprop train's --max-time: the run stops at the end of the epoch that spends it. */
    @Mixin
    TimeLimitOption timeLimit;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command with the given streams and returns the exit code; never calls System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandRunner.run(new CommandLine(new SparkTrain()), args, out, err, SparkErrors.FAILURES);
    }

    @Override
    public Integer call() throws Exception {
        Map<TrainingSetting<?>, Object> given = TrainingOptions.given(spec.commandLine().getParseResult(),
                SparkSettings.SUPPORTED);
        // Checks the options before Spark starts.
        TrainerConfig config = TrainingSettings.configure(Preset.SEED, null, 0, given);
        String classWeight = weightOptions.classWeight();
        ClassWeights classWeights = classWeight == null ? null : ClassWeights.parse(classWeight);
        String features = ClusterOption.FEATURES.value(spec);
        if (features != null) {
            refuseForVectors();
        }
        // The files, before Spark starts: a local --out is no input and can be written (a Hadoop URI is not checked).
        new FileRoles().input("DATA", HadoopFiles.local(data)).input("--init", HadoopFiles.local(modelOptions.init()))
                .output("--out", HadoopFiles.local(modelOptions.out())).check(spec.commandLine());
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = session();
        // Ctrl-C or SIGTERM stops training at the end of its iteration and writes the model so far, as train does;
        // before training (reading, packing) it cancels Spark's jobs, and nothing is written.
        AtomicBoolean training = new AtomicBoolean();
        PrintWriter stderr = spec.commandLine().getErr();
        Interruption.install(stderr, () -> {
            if (!training.get()) {
                spark.sparkContext().cancelAllJobs();
            }
        });
        try {
            Model initial = modelOptions.init() == null ? null
                    : HadoopFiles.readModel(spark, modelOptions.init());
            if (initial != null) {
                TrainingSettings.checkStartingModel(given);
                config = TrainingSettings.configure(Preset.SEED, null, 0, startingFrom(initial, given));
            }
            SparkTrainer trainer = trainer(config, classWeights);
            try (PackedDataset packed = pack(trainer, read(spark), features, initial)) {
                packed.leftOut().forEach(column -> stderr.println("warning: " + column.warning()));
                packed.preprocessor().ifPresent(p -> p.dates().notes().forEach(stderr::println));
                training.set(true);
                if (Interruption.requested()) {
                    return Interruption.beforeTraining(stderr);
                }
                TrainingResult result = initial == null ? trainer.train(packed)
                        : trainer.train(packed, TrainingSettings.startingNetwork(initial.network(), given));
                HadoopFiles.writeModel(spark, result.model(), modelOptions.out());
                report(result, packed, spark.sparkContext().master(), common.format() == OutputFormat.JSON);
                return ending(result, stderr);
            }
        } catch (Exception e) {
            if (Interruption.requested() && !training.get()) {
                // The signal cancelled the jobs that read and packed the data.
                return Interruption.beforeTraining(stderr);
            }
            throw SparkErrors.located(e, data);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /** Refuses the options that read a table's columns, which {@code --features} vectors do not have. */
    private void refuseForVectors() {
        columnOptions.refuseForVectors("--features");
        if (!categorical.columns().isEmpty()) {
            throw new IllegalArgumentException("--categorical types a table's columns, not the vectors of --features");
        }
        if (weightOptions.classWeight() != null || weightOptions.sampleWeight() != null) {
            throw new IllegalArgumentException("--class-weight and --sample-weight weigh rows of a table's "
                    + "columns, not of the vectors of --features");
        }
    }

    /** The trainer of {@code config} as the cluster options, weights, columns and time limit set it up. */
    private SparkTrainer trainer(TrainerConfig config, ClassWeights classWeights) {
        SparkTrainer trainer = SparkTrainer.of(config).withPartitions(ClusterOption.PARTITIONS.value(spec))
                .withBlockRows(ClusterOption.BLOCK_ROWS.value(spec)).withSampleFraction(fraction(config))
                .withSource(data).withWeights(classWeights, weightOptions.sampleWeight())
                .withCategorical(categorical.columns()).withListener(new TrainingListener() {
                    @Override
                    public boolean stopRequested() {
                        return Interruption.requested();
                    }
                });
        return timeLimit.maxTime() == null ? trainer : trainer.withTimeLimit(timeLimit.maxTime());
    }

    /** 0, or for a run a signal stopped, its exit code after saying where the model so far is. */
    private int ending(TrainingResult result, PrintWriter stderr) {
        if (result.stopReason() != StopReason.INTERRUPTED) {
            return 0;
        }
        stderr.printf("interrupted by %s after %d iterations: the model so far is in %s; continue from it with --init "
                + "%s%n", Interruption.signalName(), result.epochs(), modelOptions.out(), modelOptions.out());
        stderr.flush();
        return Interruption.exitCode();
    }

    /**
     * The options of a run that continues {@code initial}: its output activation and loss unless {@code --loss}
     * replaces it, so the targets are packed (scaled or not) as its loss needs them.
     */
    private static Map<TrainingSetting<?>, Object> startingFrom(Model initial, Map<TrainingSetting<?>, Object> given) {
        Network network = TrainingSettings.startingNetwork(initial.network(), given);
        Map<TrainingSetting<?>, Object> settings = new LinkedHashMap<>(given);
        settings.put(TrainingSettings.OUTPUT, network.architecture().layer(network.depth() - 1).activation().id());
        settings.put(TrainingSettings.LOSS, network.loss().id());
        return settings;
    }

    /**
     * The data encoded as {@code backprop train} encodes a file: with {@code --init}, by the model's preprocessor if
     * it has one, else fitted on its input columns; otherwise fitted on every column but the targets, the ignored
     * ones and the sample weights, identifiers left out and dates read as numbers. {@code --features} reads vectors
     * as numbers instead.
     */
    private PackedDataset pack(SparkTrainer trainer, Dataset<Row> table, String features, Model initial) {
        List<String> columns = Arrays.asList(table.columns());
        categorical.requireColumns(data, columns);
        List<String> targets = columnOptions.targetColumns(columns, initial);
        if (features != null) {
            return trainer.packVectors(table, features, targets);
        }
        if (initial != null && initial.preprocessor() != null) {
            return trainer.pack(table, initial.preprocessor());
        }
        PreprocessConfig config = columnOptions.config(targets);
        List<String> starting = columnOptions.startingColumns(columns, initial, targets);
        if (starting != null) {
            return trainer.pack(table.select(starting.stream().map(name -> ColumnSource.quoted(table, name))
                    .toArray(Column[]::new)), config.withIgnore(List.of()));
        }
        return initial != null ? trainer.pack(table, config) : trainer.pack(table, config, keep.columns());
    }

    /**
     * 1 (every row) for gd, lbfgs and bfgs; for the mini-batch optimizers {@code --sample-fraction}, by default
     * {@value #DEFAULT_SAMPLE_FRACTION} (its range is {@link SparkTrainer#withSampleFraction}'s to check).
     */
    private double fraction(TrainerConfig config) {
        OptimizerType type = config.optimizer();
        Double sampleFraction = ClusterOption.SAMPLE_FRACTION.value(spec);
        if (sampleFraction == null) {
            return type.fullBatch() ? 1.0 : DEFAULT_SAMPLE_FRACTION;
        }
        if (type.fullBatch()) {
            throw new IllegalArgumentException("--sample-fraction applies to sgd, momentum, nesterov and adam; "
                    + type.id() + " reads every row");
        }
        return sampleFraction;
    }

    private SparkSession session() {
        SparkSession.Builder builder = SparkSession.builder().appName("backprop train");
        String master = ClusterOption.MASTER.value(spec);
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        return builder.getOrCreate();
    }

    /** DATA in its {@code --data-format}, else the one its extension names (.parquet, .pq, .tsv, .tab; else CSV). */
    private Dataset<Row> read(SparkSession spark) {
        String path = data.replaceAll("/+$", "").toLowerCase(Locale.ROOT);
        String kind = dataFormat.format() != null ? dataFormat.format()
                : path.endsWith(".parquet") || path.endsWith(".pq") ? "parquet"
                : path.endsWith(".tsv") || path.endsWith(".tab") ? "tsv" : "csv";
        return switch (kind) {
            // Every CSV column is read as text and cast: one pass, and a value that is not a number is reported by
            // column rather than turning the whole column into strings. A directory's files must all have the
            // first file's header (by default Spark only warns, and reads each file's columns by position).
            case "csv", "tsv" -> spark.read().option("header", true).option("mode", "FAILFAST")
                    .option("enforceSchema", false)
                    .option("sep", kind.equals("tsv") ? "\t" : ",").option("ignoreLeadingWhiteSpace", true)
                    .option("ignoreTrailingWhiteSpace", true).csv(data);
            case "parquet" -> spark.read().parquet(data);
            default -> throw new IllegalArgumentException("--data-format must be csv, tsv or parquet but was '"
                    + dataFormat.format() + "'");
        };
    }

    /**
     * The core's {@link TrainingSummary}, as {@code backprop train} prints it (the task line first, the task's reason
     * in JSON), and where Spark ran.
     */
    private void report(TrainingResult result, PackedDataset packed, String sparkMaster, boolean json)
            throws IOException {
        Model model = result.model();
        long rows = packed.rows();
        int usedPartitions = packed.partitions();
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>(TrainingSummary.fields(result, model, rows));
            packed.task().ifPresent(task -> fields.put("taskReason", task.reason()));
            fields.put("partitions", usedPartitions);
            fields.put("master", sparkMaster);
            fields.put("out", modelOptions.out());
            stdout.println(new ObjectMapper().writeValueAsString(fields));
            return;
        }
        packed.task().ifPresent(task -> stdout.println(task.line()));
        stdout.printf(Locale.ROOT, "%s with Spark %s, %d partition%s%n", TrainingSummary.trained(model, rows, data),
                sparkMaster, usedPartitions, usedPartitions == 1 ? "" : "s");
        stdout.println(TrainingSummary.stopped(result));
        stdout.printf("model written to %s%n", modelOptions.out());
    }
}
