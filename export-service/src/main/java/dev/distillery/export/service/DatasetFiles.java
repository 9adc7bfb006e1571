package dev.distillery.export.service;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.ExportedFile;
import dev.distillery.export.Manifest;
import dev.distillery.export.Split;
import dev.distillery.export.config.ExportConfig;
import dev.distillery.export.format.AtomicFiles;
import dev.distillery.export.format.DatasetFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts a dataset on disk under {@code <export.data-dir>/<runId>/}: each format's split files, then
 * {@code manifest.json}. Blocking; every file is replaced atomically.
 */
@ApplicationScoped
public class DatasetFiles {
  static final String MANIFEST = "manifest.json";
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");

  @Inject ExportConfig config;
  @Inject EventCodec codec;

  /** The run's directory, absolute. */
  public Path directory(String runId) {
    return Path.of(config.dataDir()).resolve(runId).toAbsolutePath().normalize();
  }

  /**
   * Writes the data files, and removes the ones an earlier export of the run wrote that this one does not
   * (a split now empty, a format no longer asked for).
   */
  public List<ExportedFile> writeData(Path dir, Dataset dataset) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.deleteLeftovers(dir);
    List<ExportedFile> files = new ArrayList<>();
    for (ExportFormat format : dataset.formats()) {
      DatasetFormat writer = DatasetFormat.of(format);
      for (Split split : dataset.splitsToWrite()) {
        String name = writer.fileName(split);
        String sha256 = AtomicFiles.write(dir.resolve(name), out -> writer.write(dataset.examples(split), out));
        files.add(new ExportedFile(name, format, split.label(), dataset.examples(split).size(), sha256));
      }
    }
    deleteStale(dir, files);
    return files;
  }

  /** Writes manifest.json last: its presence means every file it lists is complete. */
  public String writeManifest(Path dir, Manifest manifest) throws IOException {
    ObjectWriter writer =
        codec.mapper().writer(new DefaultPrettyPrinter().withObjectIndenter(INDENT).withArrayIndenter(INDENT));
    String json = writer.writeValueAsString(manifest) + "\n";
    AtomicFiles.write(dir.resolve(MANIFEST), out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
    return json;
  }

  private static void deleteStale(Path dir, List<ExportedFile> written) throws IOException {
    Set<String> keep = new HashSet<>();
    written.forEach(f -> keep.add(f.name()));
    for (ExportFormat format : ExportFormat.values()) {
      for (Split split : Split.values()) {
        String name = DatasetFormat.of(format).fileName(split);
        if (!keep.contains(name)) {
          Files.deleteIfExists(dir.resolve(name));
        }
      }
    }
  }
}
