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

    /**
     * The local file {@code path} names (a plain path or a {@code file:} URI), so that it can be checked like the
     * command line's files; null for a null path or one on another file system ({@code hdfs://...}).
     */
    static Path local(String path) {
        if (path == null) {
            return null;
        }
        if (!isHadoopUri(path)) {
            return Path.of(path);
        }
        try {
            URI uri = new URI(path);
            return "file".equals(uri.getScheme()) ? Path.of(uri) : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
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
            ModelFile.write(model, output);
        }
    }
}
