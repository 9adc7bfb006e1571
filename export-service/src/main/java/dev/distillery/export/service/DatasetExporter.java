package dev.distillery.export.service;

import dev.distillery.commons.messaging.EventPublisher;
import dev.distillery.commons.messaging.Outbox;
import dev.distillery.commons.messaging.OutboxMessage;
import dev.distillery.contracts.DatasetExported;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.ExportedFile;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.export.DatasetSummary;
import dev.distillery.export.ExportRun;
import dev.distillery.export.RunStatus;
import dev.distillery.export.config.ExportConfig;
import dev.distillery.export.dataset.Manifest;
import dev.distillery.export.dataset.Manifest.FileEntry;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.SplitOptions;
import dev.distillery.export.format.DatasetWriter;
import dev.distillery.export.repository.RunRepository;
import dev.distillery.export.repository.RunRepository.ExportRecord;
import dev.distillery.export.repository.SampleRepository;
import dev.distillery.export.storage.DatasetStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Writes a run's dataset and announces it. Files first, then, in one transaction, the run marked EXPORTED
 * with dataset.exported (and training.requested when asked) in the outbox; sent after commit. A crash after
 * the files but before the commit leaves the run COMPLETE, and start-up exports it again: the files come
 * out byte-identical.
 */
@ApplicationScoped
public class DatasetExporter {
  private static final Logger LOG = Logger.getLogger(DatasetExporter.class);
  private static final Duration DB_TIMEOUT = Duration.ofMinutes(1);

  @Inject RunRepository runs;
  @Inject SampleRepository samples;
  @Inject DatasetFiles files;
  @Inject Pool pool;
  @Inject Outbox outbox;
  @Inject EventPublisher publisher;
  @Inject MeterRegistry registry;
  @Inject ExportConfig config;
  @Inject DatasetStore store;

  /**
   * Exports run one at a time, off the event loop: two exports of one run never write the same directory
   * at once, and a later export is never overtaken by an earlier one.
   */
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "dataset-export");
        thread.setDaemon(true);
        return thread;
      });

  @PreDestroy
  void stop() {
    worker.shutdown();
  }

  /**
   * Exports a run claimed as complete. Does nothing when the run is no longer COMPLETE (already exported).
   * A failure is logged, not thrown: the run stays COMPLETE and is exported again at the next start.
   *
   * @param runId the claimed run, or null for nothing to do
   */
  public Uni<Void> exportClaimed(String runId) {
    if (runId == null) {
      return Uni.createFrom().voidItem();
    }
    return onWorker(() -> export(runId, false))
        .onFailure()
        .invoke(e -> LOG.errorf(e, "export of run %s failed; it stays COMPLETE, retried at the next start", runId))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /**
   * Exports what a run has received so far, complete or not, and makes it the run's final export.
   *
   * @throws UnknownRunException (as the Uni's failure) when the run's run.closed has not arrived
   */
  public Uni<DatasetSummary> exportNow(String runId) {
    return onWorker(() -> export(runId, true));
  }

  private <T> Uni<T> onWorker(IoSupplier<T> job) {
    return Uni.createFrom()
        .item(() -> {
          try {
            return job.get();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })
        .runSubscriptionOn(worker);
  }

  private DatasetSummary export(String runId, boolean forced) throws IOException {
    ExportRun run = runs.find(runId).await().atMost(DB_TIMEOUT);
    if (run == null) {
      throw new UnknownRunException(runId);
    }
    if (!forced && run.status() != RunStatus.COMPLETE) {
      return null;
    }
    Dataset dataset =
        Dataset.assemble(
            run, samples.tallies(runId).await().atMost(DB_TIMEOUT), samples.accepted(runId).await().atMost(DB_TIMEOUT),
            splitOptions(run));
    DatasetWriter writer = files.writer(dataset);
    String datasetId = dataset.datasetId(writer.describe(dataset.splits(), dataset.formats()).files());
    boolean sameContent = datasetId.equals(run.datasetId());
    int version = run.version() == 0 ? 1 : sameContent ? run.version() : run.version() + 1;
    Path dir = files.directory(runId, version);
    DatasetWriter.Written written = writer.write(dir, dataset.splits(), dataset.formats());
    Instant createdAt =
        sameContent && run.exportedAt() != null ? run.exportedAt() : Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Manifest manifest =
        dataset.manifest(datasetId, version, createdAt, written, samples.costs(runId).await().atMost(DB_TIMEOUT));
    String manifestJson = files.writeManifest(dir, manifest);
    String location = store.publish(dir, manifest);

    List<DistilleryEvent> events = events(dataset, manifest, location);
    ExportRecord record =
        new ExportRecord(datasetId, version, location, dataset.exported(), dataset.train().size(),
            dataset.validation().size(), manifestJson, createdAt);
    List<OutboxMessage> toSend =
        pool.withTransaction(
                tx -> runs.markExported(tx, runId, run.status(), record)
                    .flatMap(marked -> marked
                        ? outbox.save(tx, null, events)
                        : Uni.createFrom().<List<OutboxMessage>>nullItem()))
            .await()
            .atMost(DB_TIMEOUT);
    if (toSend == null) {
      LOG.infof("run %s completed while a forced export was written; its full export follows", runId);
      return DatasetSummary.of(manifest, RunStatus.COMPLETE, location);
    }
    publisher.publish(toSend)
        .onFailure()
        .invoke(e -> LOG.warnf("dataset.exported of run %s not sent yet, the outbox relay will: %s", runId,
            e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .await()
        .atMost(DB_TIMEOUT);
    count(dataset, manifest, forced);
    LOG.infof("exported run %s v%d: %d train, %d validation, %d test examples in %s", runId, version,
        dataset.train().size(), dataset.validation().size(), dataset.test().size(), location);
    return DatasetSummary.of(manifest, RunStatus.EXPORTED, location);
  }

  private SplitOptions splitOptions(ExportRun run) {
    ExportConfig.Split split = config.split();
    return new SplitOptions(split.strategy(), split.seed(), run.config().validationShare(), split.testShare());
  }

  /**
   * dataset.exported lists the files that hold examples of one split; the card, dataset_info.json, the CSV sidecar
   * and samples.jsonl are in the manifest only.
   */
  private static List<DistilleryEvent> events(Dataset dataset, Manifest manifest, String location) {
    Instant now = Instant.now();
    List<ExportedFile> exportedFiles = new ArrayList<>();
    for (FileEntry file : manifest.files()) {
      Optional<ExportFormat> format = formatOf(file);
      if (format.isPresent() && !file.split().equals("all")) {
        exportedFiles.add(new ExportedFile(file.name(), format.get(), file.split(), file.examples(), file.sha256()));
      }
    }
    DatasetExported exported =
        DatasetExported.of(
            manifest.runId(), manifest.datasetId(), location, dataset.train().size(),
            dataset.validation().size(), exportedFiles, now);
    List<DistilleryEvent> events = new ArrayList<>(List.of(exported));
    if (dataset.requestsTraining()) {
      String trainFile = openAiFile(manifest, Split.TRAIN, location);
      String validationFile = openAiFile(manifest, Split.VALIDATION, location);
      events.add(TrainingRequested.of(exported, trainFile, validationFile, now));
    }
    return events;
  }

  /** The (first) OpenAI chat file of a split, or null when the split has none. */
  private static String openAiFile(Manifest manifest, Split split, String location) {
    return manifest.files().stream()
        .filter(f -> f.format().equals(ExportFormat.OPENAI_CHAT.name()) && f.split().equals(split.label()))
        .filter(f -> split == Split.TRAIN || f.examples() > 0)
        .map(f -> DatasetStore.locate(location, f.name()))
        .findFirst()
        .orElse(null);
  }

  private static Optional<ExportFormat> formatOf(FileEntry file) {
    return Arrays.stream(ExportFormat.values()).filter(f -> f.name().equals(file.format())).findFirst();
  }

  private void count(Dataset dataset, Manifest manifest, boolean forced) {
    registry.counter("distillery.datasets.exported", "trigger", forced ? "forced" : "completed").increment();
    for (Split split : Split.values()) {
      registry.counter("distillery.samples.exported", "split", split.label())
          .increment(dataset.splits().get(split).size());
    }
    manifest.leftOut().forEach(l -> registry.counter("distillery.export.left.out", "format", l.format()).increment());
    manifest.truncated()
        .forEach(t -> registry.counter("distillery.export.truncated", "format", t.format()).increment());
    manifest.files().forEach(f -> registry.counter("distillery.export.bytes", "format", f.format())
        .increment(f.bytes()));
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }
}
