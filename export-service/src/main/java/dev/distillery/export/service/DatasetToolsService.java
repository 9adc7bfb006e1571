package dev.distillery.export.service;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.Ids;
import dev.distillery.export.ExportRun;
import dev.distillery.export.config.ExportConfig;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.SplitOptions;
import dev.distillery.export.format.DatasetFolder;
import dev.distillery.export.repository.RunRepository;
import dev.distillery.export.tools.Analysis;
import dev.distillery.export.tools.DatasetTools;
import dev.distillery.export.tools.SampleFilter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The dataset tools on runs' last exports, read from the local folder (also when the dataset was uploaded). Blocking (files): call from a worker thread. Derived datasets go to
 * {@code <export.data-dir>/derived/<operation>-<hash of inputs and parameters>/}, so asking the same twice rewrites
 * the same folder with the same bytes.
 */
@ApplicationScoped
public class DatasetToolsService {
  private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

  @Inject RunRepository runs;
  @Inject ExportConfig config;
  @Inject DatasetFiles files;
  @Inject MeterRegistry registry;

  public Analysis analyze(String runId) throws IOException {
    count("analyze");
    return DatasetTools.analyze(folder(runId));
  }

  public List<DatasetTools.Preview> preview(String runId, int n, Split split) throws IOException {
    count("preview");
    return DatasetTools.preview(folder(runId), n, split);
  }

  public DatasetTools.Derived filter(String runId, SampleFilter filter, List<ExportFormat> formats) throws IOException {
    count("filter");
    DatasetFolder in = folder(runId);
    return DatasetTools.filter(in, filter, formats, derived("filter", in.manifest().datasetId(), filter, formats));
  }

  public DatasetTools.Derived convert(String runId, List<ExportFormat> formats) throws IOException {
    count("convert");
    DatasetFolder in = folder(runId);
    return DatasetTools.convert(in, formats, derived("convert", in.manifest().datasetId(), formats));
  }

  public DatasetTools.Derived merge(List<String> runIds, SplitOptions split, List<ExportFormat> formats)
      throws IOException {
    count("merge");
    List<DatasetFolder> ins = new ArrayList<>();
    List<Object> key = new ArrayList<>();
    for (String runId : runIds) {
      DatasetFolder in = folder(runId);
      ins.add(in);
      key.add(in.manifest().datasetId());
    }
    key.add(split);
    key.add(formats);
    return DatasetTools.merge(ins, split, formats, derived("merge", key.toArray()));
  }

  private DatasetFolder folder(String runId) throws IOException {
    ExportRun run = runs.find(runId).await().atMost(DB_TIMEOUT);
    if (run == null || run.version() == 0) {
      throw new UnknownDatasetException(runId);
    }
    return DatasetFolder.read(files.directory(runId, run.version()));
  }

  private Path derived(String operation, Object... inputs) {
    String hash = Ids.sha256(String.valueOf(Arrays.asList(inputs)).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    return Path.of(config.dataDir()).resolve("derived").resolve(operation + "-" + hash).toAbsolutePath().normalize();
  }

  private void count(String tool) {
    registry.counter("distillery.dataset.tools", "tool", tool).increment();
  }

  /** A run with no exported dataset yet. */
  public static class UnknownDatasetException extends RuntimeException {
    public UnknownDatasetException(String runId) {
      super("run " + runId + " has no exported dataset yet");
    }
  }
}
