package dev.backprop.spark;

import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

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

    /** The model at {@code path}: a local path (or {@code file:} URI) read by the core, others through Hadoop. */
    static Model readModel(SparkSession spark, String path) throws IOException {
        Path local = local(path);
        if (local != null) {
            return ModelFile.read(local);
        }
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try (FSDataInputStream in = file.getFileSystem(conf).open(file)) {
            return ModelFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        }
    }

    /**
     * Writes {@code model} to {@code path} so that a reader never sees it half-written: a local path (or {@code file:}
     * URI) atomically by the core; any other URI through Hadoop, as {@link #writeWhole}.
     */
    static void writeModel(SparkSession spark, Model model, String path) throws IOException {
        Path local = local(path);
        if (local != null) {
            ModelFile.write(model, local);
            return;
        }
        writeWhole(spark.sparkContext().hadoopConfiguration(), model, path);
    }

    /**
     * Writes {@code model} to the Hadoop URI {@code path} in a hidden file beside it, then renames that over it (an
     * atomic replacement on HDFS; on an object store the object appears whole at the end of its upload either way),
     * so a run stopped mid-write leaves the earlier file, if any, and no partial one.
     */
    static void writeWhole(Configuration conf, Model model, String path) throws IOException {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = file.getFileSystem(conf);
        org.apache.hadoop.fs.Path partial = new org.apache.hadoop.fs.Path(file.getParent(),
                "." + file.getName() + "." + UUID.randomUUID() + ".partial");
        try {
            try (FSDataOutputStream output = fs.create(partial, false)) {
                ModelFile.write(model, output);
            }
            FileContext.getFileContext(file.toUri(), conf).rename(partial, file, Options.Rename.OVERWRITE);
        } finally {
            fs.delete(partial, false);
        }
    }
}
