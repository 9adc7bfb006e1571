package dev.distillery.export.service;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.ExportedFile;
import dev.distillery.contracts.Ids;
import dev.distillery.export.ExportRun;
import dev.distillery.export.ExportSample;
import dev.distillery.export.Manifest;
import dev.distillery.export.PaperTally;
import dev.distillery.export.Split;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A run's dataset before it is written: the examples of each split in a fixed order, and the papers they came
 * from. A pure function of the stored samples, so exporting the same samples twice gives the same bytes.
 */
public record Dataset(
    ExportRun run,
    List<PaperTally> papers,
    List<ExportSample> train,
    List<ExportSample> validation,
    Set<String> validationPapers,
    int accepted,
    int unexportable) {

  /** OpenAI asks for at least this many training examples. */
  static final int OPENAI_MIN_EXAMPLES = 10;

  private static final Comparator<ExportSample> ORDER =
      Comparator.comparing(ExportSample::paperId)
          .thenComparing(ExportSample::segmentId)
          .thenComparing(ExportSample::sampleId);

  /**
   * @param tallies per-paper counts as stored; papers of the run without any sample yet are added as zeros
   * @param accepted the run's ACCEPTED samples, in any order
   */
  public static Dataset assemble(ExportRun run, List<PaperTally> tallies, List<ExportSample> accepted) {
    Map<String, PaperTally> byPaper = new TreeMap<>();
    tallies.forEach(t -> byPaper.put(t.paperId(), t));
    List<PaperTally> papers = new ArrayList<>();
    for (String paperId : run.paperIds()) {
      PaperTally tally = byPaper.remove(paperId);
      papers.add(tally == null ? PaperTally.nothingYet(paperId) : tally);
    }
    papers.addAll(byPaper.values());

    List<ExportSample> examples = accepted.stream().filter(ExportSample::exportable).sorted(ORDER).toList();
    Map<String, Integer> examplesByPaper = new TreeMap<>();
    examples.forEach(e -> examplesByPaper.merge(e.paperId(), 1, Integer::sum));
    Set<String> validationPapers = PaperSplit.validationPapers(examplesByPaper, run.config().validationShare());
    Map<Boolean, List<ExportSample>> halves =
        examples.stream().collect(Collectors.partitioningBy(e -> validationPapers.contains(e.paperId())));
    return new Dataset(
        run, List.copyOf(papers), halves.get(false), halves.get(true), Set.copyOf(validationPapers), accepted.size(),
        accepted.size() - examples.size());
  }

  /** The formats to write, in a fixed order. Training reads OpenAI chat JSONL, so asking for it adds that format. */
  public List<ExportFormat> formats() {
    Set<ExportFormat> formats = EnumSet.noneOf(ExportFormat.class);
    formats.addAll(run.config().exportFormats());
    if (run.config().requestTraining()) {
      formats.add(ExportFormat.OPENAI_CHAT);
    }
    return List.copyOf(formats);
  }

  /** The splits that get files: train always (possibly empty), validation only when it has examples. */
  public List<Split> splitsToWrite() {
    return validation.isEmpty() ? List.of(Split.TRAIN) : List.of(Split.TRAIN, Split.VALIDATION);
  }

  public List<ExportSample> examples(Split split) {
    return split == Split.TRAIN ? train : validation;
  }

  /** Whether run.closed arrived and every paper of it has all its planned samples. */
  public boolean complete() {
    Set<String> completePapers =
        papers.stream().filter(PaperTally::complete).map(PaperTally::paperId).collect(Collectors.toSet());
    return completePapers.containsAll(run.paperIds());
  }

  /** Training is requested when the run asks for it and there is something to train on. */
  public boolean requestsTraining() {
    return run.config().requestTraining() && !train.isEmpty();
  }

  /** Deterministic: the same run with byte-identical files gets the same id. */
  public String datasetId(List<ExportedFile> files) {
    Object[] parts = new Object[files.size() + 1];
    parts[0] = run.runId();
    for (int i = 0; i < files.size(); i++) {
      parts[i + 1] = files.get(i).name() + ":" + files.get(i).sha256();
    }
    return Ids.derive("dataset", parts);
  }

  public Manifest manifest(String datasetId, Instant createdAt, List<ExportedFile> files) {
    int rejected = papers.stream().mapToInt(PaperTally::rejected).sum();
    int failed = papers.stream().mapToInt(PaperTally::failed).sum();
    int received = papers.stream().mapToInt(PaperTally::received).sum();
    Manifest.Counts counts =
        new Manifest.Counts(received, accepted, rejected, failed, train.size() + validation.size(), train.size(),
            validation.size());
    List<Manifest.Source> sources =
        papers.stream()
            .map(p -> new Manifest.Source(p.paperId(), p.title(), p.sourceName(), p.planned(), p.received(),
                p.accepted(), p.rejected(), p.failed(), splitOf(p.paperId())))
            .toList();
    return new Manifest(
        run.runId(), run.name(), datasetId, createdAt, complete(), run.config(), files, counts, sources,
        warnings(files), unchecked());
  }

  private String splitOf(String paperId) {
    if (validationPapers.contains(paperId)) {
      return Split.VALIDATION.label();
    }
    return train.stream().anyMatch(e -> e.paperId().equals(paperId)) ? Split.TRAIN.label() : "none";
  }

  private List<String> warnings(List<ExportedFile> files) {
    List<String> warnings = new ArrayList<>();
    if (!complete()) {
      warnings.add("the run was not complete: this export holds only the samples received so far");
    }
    if (validation.isEmpty()) {
      warnings.add(
          "no validation split, so no validation files: "
              + (run.config().validationShare() <= 0
                  ? "validationShare is 0"
                  : "fewer than two papers have exported examples"));
    }
    if (unexportable > 0) {
      warnings.add(unexportable + " accepted samples have an empty instruction or output and were left out");
    }
    files.stream()
        .filter(f -> f.format() == ExportFormat.OPENAI_CHAT && f.split().equals(Split.TRAIN.label()))
        .filter(f -> f.examples() < OPENAI_MIN_EXAMPLES)
        .forEach(f -> warnings.add(
            f.name() + " has " + f.examples() + " examples; OpenAI fine-tuning needs at least "
                + OPENAI_MIN_EXAMPLES));
    if (run.config().requestTraining() && train.isEmpty()) {
      warnings.add("training was asked for but not requested: the train split is empty");
    }
    return warnings;
  }

  private static List<String> unchecked() {
    return List.of(
        "tokens per example: not counted; OpenAI truncates examples longer than the model's training context"
            + " (65,536 tokens for gpt-4o-mini-2024-07-18, 16,385 for gpt-3.5-turbo-0125)",
        "file size: not checked against provider upload limits (OpenAI: 512 MB per file)");
  }
}
