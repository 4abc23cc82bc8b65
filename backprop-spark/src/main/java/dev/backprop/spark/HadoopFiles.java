package dev.backprop.spark;

import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Model files at a local path or at a Hadoop URI ({@code hdfs://...}, {@code s3a://...}). */
final class HadoopFiles {
    private HadoopFiles() {
    }

    private static boolean isHadoopUri(String path) {
        try {
            URI uri = new URI(path);
            // "C:\..." parses with scheme "C"; a real scheme is longer than one letter.
            return uri.getScheme() != null && uri.getScheme().length() > 1;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static Model readModel(SparkSession spark, String path) throws IOException {
        if (!isHadoopUri(path)) {
            return ModelFile.read(Path.of(path));
        }
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try (FSDataInputStream in = file.getFileSystem(conf).open(file)) {
            return ModelFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        }
    }

    /** A local path is written atomically by the core; a Hadoop URI through Hadoop's file system (overwriting). */
    static void writeModel(SparkSession spark, Model model, String path) throws IOException {
        if (!isHadoopUri(path)) {
            ModelFile.write(model, Path.of(path));
            return;
        }
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (FSDataOutputStream output = fs.create(file, true)) {
            output.write(ModelFile.toJson(model).getBytes(StandardCharsets.UTF_8));
        }
    }
}
