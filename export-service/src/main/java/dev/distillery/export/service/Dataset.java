package dev.distillery.export.service;

import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.SourceStatus;
import dev.distillery.export.ExportRun;
import dev.distillery.export.PaperTally;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Manifest;
import dev.distillery.export.dataset.Manifest.FileEntry;
import dev.distillery.export.dataset.Manifest.LeftOut;
import dev.distillery.export.dataset.Split;
import dev.distillery.export.dataset.SplitOptions;
import dev.distillery.export.dataset.Splitter;
import dev.distillery.export.format.DatasetWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A run's dataset before it is written: the examples of each split in a fixed order, and the papers and files they
 * came from. A pure function of the stored samples and the split options, so exporting the same samples twice
 * gives the same bytes.
 *
 * @param unexportable accepted samples without an instruction or output, which no format can hold
 */
public record Dataset(
    ExportRun run,
    List<PaperTally> papers,
    Map<Split, List<DatasetSample>> splits,
    SplitOptions splitOptions,
    int accepted,
    List<DatasetSample> unexportable) {

  /**
   * @param tallies per-paper counts as stored; papers of the run without any sample yet are added as zeros
   * @param accepted the run's ACCEPTED samples, in any order
   */
  public static Dataset assemble(
      ExportRun run, List<PaperTally> tallies, List<DatasetSample> accepted, SplitOptions options) {
    Map<String, PaperTally> byPaper = new TreeMap<>();
    tallies.forEach(t -> byPaper.put(t.paperId(), t));
    List<PaperTally> papers = new ArrayList<>();
    for (String paperId : run.paperIds()) {
      PaperTally tally = byPaper.remove(paperId);
      papers.add(tally == null ? PaperTally.nothingYet(paperId) : tally);
    }
    papers.addAll(byPaper.values());
    List<DatasetSample> examples = accepted.stream().filter(DatasetSample::exportable).toList();
    List<DatasetSample> unexportable =
        accepted.stream().filter(s -> !s.exportable()).sorted(Splitter.ORDER).toList();
    return new Dataset(
        run, List.copyOf(papers), Splitter.split(examples, options), options, accepted.size(), unexportable);
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

  public List<DatasetSample> train() {
    return splits.get(Split.TRAIN);
  }

  public List<DatasetSample> validation() {
    return splits.get(Split.VALIDATION);
  }

  public List<DatasetSample> test() {
    return splits.get(Split.TEST);
  }

  public int exported() {
    return train().size() + validation().size() + test().size();
  }

  /** Whether run.closed arrived and every paper of it has all its planned samples. */
  public boolean complete() {
    Set<String> completePapers =
        papers.stream().filter(PaperTally::complete).map(PaperTally::paperId).collect(Collectors.toSet());
    return completePapers.containsAll(run.paperIds());
  }

  /** Training is requested when the run asks for it and there is something to train on. */
  public boolean requestsTraining() {
    return run.config().requestTraining() && !train().isEmpty();
  }

  /** Deterministic: the same run with byte-identical files gets the same id. */
  public String datasetId(List<FileEntry> files) {
    Object[] parts = new Object[files.size() + 1];
    parts[0] = run.runId();
    for (int i = 0; i < files.size(); i++) {
      parts[i + 1] = files.get(i).name() + ":" + files.get(i).sha256();
    }
    return Ids.derive("dataset", parts);
  }

  public Manifest manifest(
      String datasetId, int version, Instant createdAt, DatasetWriter.Written written, List<Manifest.ModelCost> costs) {
    int rejected = papers.stream().mapToInt(PaperTally::rejected).sum();
    int failed = papers.stream().mapToInt(PaperTally::failed).sum();
    int received = papers.stream().mapToInt(PaperTally::received).sum();
    List<DatasetSample> all = new ArrayList<>();
    splits.values().forEach(all::addAll);
    int extracted = (int) all.stream().filter(s -> s.origin() == SampleOrigin.EXTRACTED).count();
    Manifest.Counts counts =
        new Manifest.Counts(received, accepted, rejected, failed, exported(), train().size(), validation().size(),
            test().size(), exported() - extracted, extracted);
    List<LeftOut> leftOut = new ArrayList<>();
    unexportable.forEach(s -> leftOut.add(
        new LeftOut(s.sampleId(), "ALL", "accepted, but its instruction or output is empty")));
    leftOut.addAll(written.leftOut());
    double cost = Math.round(costs.stream().mapToDouble(Manifest.ModelCost::costUsd).sum() * 1e6) / 1e6;
    return new Manifest(
        run.runId(), run.name(), datasetId, version, createdAt, complete(), run.config(), splitOptions,
        written.files(), counts, costs, cost, sources(), leftOut, written.truncated(), written.tokens(),
        warnings(written), written.unchecked(), null);
  }

  /**
   * Every file offered to the run (issue 3), with what became of it; for papers that came without a file record
   * (another system's paper.ingested), one entry per paper seen.
   */
  List<Manifest.Source> sources() {
    Map<String, PaperTally> tallies = new LinkedHashMap<>();
    papers.forEach(p -> tallies.put(p.paperId(), p));
    Map<String, List<DatasetSample>> examplesByPaper = new HashMap<>();
    Map<String, Set<Split>> splitsByPaper = new HashMap<>();
    splits.forEach((split, examples) -> examples.forEach(e -> {
      examplesByPaper.computeIfAbsent(e.paperId(), k -> new ArrayList<>()).add(e);
      splitsByPaper.computeIfAbsent(e.paperId(), k -> EnumSet.noneOf(Split.class)).add(split);
    }));
    List<Manifest.Source> sources = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (SourceStatus file : run.sources()) {
      PaperTally tally = file.paperId() == null ? null : tallies.get(file.paperId());
      if (file.paperId() != null) {
        listed.add(file.paperId());
      }
      sources.add(source(file.file(), file.accepted(), file.reason(), file.paperId(), file.mediaType(), file.bytes(),
          file.segments(), file.extractedPairs(), tally, examplesByPaper, splitsByPaper));
    }
    for (PaperTally tally : papers) {
      if (!listed.contains(tally.paperId())) {
        sources.add(source(tally.sourceName(), true, null, tally.paperId(), null, 0, 0, 0, tally, examplesByPaper,
            splitsByPaper));
      }
    }
    return sources;
  }

  private static Manifest.Source source(
      String file, boolean accepted, String reason, String paperId, String mediaType, long bytes, int segments,
      int extractedPairs, PaperTally tally, Map<String, List<DatasetSample>> examplesByPaper,
      Map<String, Set<Split>> splitsByPaper) {
    List<DatasetSample> examples = paperId == null ? List.of() : examplesByPaper.getOrDefault(paperId, List.of());
    int extracted = (int) examples.stream().filter(s -> s.origin() == SampleOrigin.EXTRACTED).count();
    Set<Split> in = paperId == null ? Set.of() : splitsByPaper.getOrDefault(paperId, Set.of());
    String split = in.isEmpty() ? "none" : in.size() > 1 ? "mixed" : in.iterator().next().label();
    PaperTally t = tally == null ? PaperTally.nothingYet(paperId) : tally;
    return new Manifest.Source(
        file, accepted ? "accepted" : "rejected", reason, paperId, t.title(), mediaType, bytes, segments,
        extractedPairs, t.planned(), t.received(), t.accepted(), t.rejected(), t.failed(), examples.size(),
        examples.size() - extracted, extracted, split);
  }

  private List<String> warnings(DatasetWriter.Written written) {
    List<String> warnings = new ArrayList<>();
    if (!complete()) {
      warnings.add("the run was not complete: this export holds only the samples received so far");
    }
    if (validation().isEmpty()) {
      warnings.add(
          "no validation split, so no validation files: "
              + (splitOptions.validationShare() <= 0
                  ? "validationShare is 0"
                  : splitOptions.strategy() == SplitOptions.Strategy.PAPER
                      ? "fewer than two papers have exported examples"
                      : "no source file has enough examples for its share to round to one"));
    }
    if (!unexportable.isEmpty()) {
      warnings.add(unexportable.size() + " accepted samples have an empty instruction or output and were left out");
    }
    Map<String, Long> leftOutByFormat =
        written.leftOut().stream().collect(Collectors.groupingBy(LeftOut::format, TreeMap::new, Collectors.counting()));
    leftOutByFormat.forEach((format, n) -> warnings.add(
        n + " examples left out of the " + format + " files; leftOut says why"));
    warnings.addAll(written.warnings());
    if (run.config().requestTraining() && train().isEmpty()) {
      warnings.add("training was asked for but not requested: the train split is empty");
    }
    return warnings;
  }
}
