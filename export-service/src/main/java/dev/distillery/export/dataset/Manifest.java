package dev.distillery.export.dataset;

import dev.distillery.contracts.RunConfig;
import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json}: what a dataset directory holds and where it came from. Written last, so a directory with a
 * manifest has all its files.
 *
 * @param runId the run exported, null for a dataset made by the dataset tools
 * @param version 1 for a run's first export; a re-export whose content differs gets the next number and its own
 *     directory
 * @param createdAt when this dataset (same id) was first written; writing identical data again keeps it
 * @param complete whether every planned sample had arrived; false for a forced export of a run still collecting
 * @param config the run's configuration, null for a dataset made by the dataset tools
 * @param models what generation used and cost, per model, over every sample received (rejected ones cost too)
 * @param leftOut accepted samples not in a format's files, and why
 * @param truncated examples cut to fit a provider's per-example limit where the provider allows it
 * @param warnings what a provider may object to (too few examples, splits left empty)
 * @param unchecked limits this export could not verify
 * @param derivedFrom how the dataset tools made this dataset from others; null for a run's export
 */
public record Manifest(
    String runId,
    String runName,
    String datasetId,
    int version,
    Instant createdAt,
    boolean complete,
    RunConfig config,
    SplitOptions split,
    List<FileEntry> files,
    Counts counts,
    List<ModelCost> models,
    double costUsd,
    List<Source> sources,
    List<LeftOut> leftOut,
    List<Truncation> truncated,
    List<TokenStats> tokens,
    List<String> warnings,
    List<String> unchecked,
    Derivation derivedFrom) {

  /** The file every export holds: each sample with its split and metadata, so the folder can be read back. */
  public static final String SAMPLES_FILE = "samples.jsonl";

  public static final String FILE_NAME = "manifest.json";

  /**
   * One file of the dataset.
   *
   * @param name path relative to the dataset directory
   * @param format an {@code ExportFormat} name, or {@code SAMPLES} for samples.jsonl
   * @param split {@code train}, {@code validation}, {@code test}, or {@code all} for files covering every split
   * @param tokens tokens of the examples as the format's provider counts them (see {@link TokenStats})
   */
  public record FileEntry(
      String name, String format, String split, int examples, long tokens, long bytes, String sha256) {}

  /**
   * Sample counts.
   *
   * @param received distinct samples received, whatever their verdict
   * @param exported examples in the dataset (train + validation + test)
   * @param generated exported examples a model wrote
   * @param extracted exported examples mined verbatim from the documents
   */
  public record Counts(
      int received, int accepted, int rejected, int failed, int exported, int train, int validation, int test,
      int generated, int extracted) {}

  /** What one model did for the run. */
  public record ModelCost(
      String model, String generator, int samples, long promptTokens, long completionTokens, double costUsd) {}

  /**
   * One file offered to the run, or one paper that came without a file record (another system's paper.ingested).
   *
   * @param status {@code accepted} or {@code rejected}
   * @param reason why a file was rejected; null when accepted
   * @param samples accepted samples from this source that are in the dataset
   * @param split where its examples went: {@code train}, {@code validation}, {@code test}, {@code mixed} (split by
   *     source) or {@code none}
   */
  public record Source(
      String file,
      String status,
      String reason,
      String paperId,
      String title,
      String mediaType,
      long bytes,
      int segments,
      int extractedPairs,
      int planned,
      int received,
      int accepted,
      int rejected,
      int failed,
      int samples,
      int generated,
      int extracted,
      String split) {}

  /** An accepted sample a format's files do not hold. {@code format} is {@code ALL} when no format could. */
  public record LeftOut(String sampleId, String format, String reason) {}

  public record Truncation(String sampleId, String format, int fromTokens, int toTokens) {}

  /**
   * Tokens per example of one format's files.
   *
   * @param exact true when counted with the provider's own tokenizer; false for a declared approximation
   * @param limit the provider's per-example limit, 0 when it states none
   */
  public record TokenStats(
      String format, String tokenizer, boolean exact, int limit, int examples, int min, int max, double mean,
      long total) {}

  /** How a dataset was made from others by the dataset tools. */
  public record Derivation(String operation, List<String> inputs, String parameters) {}
}
