package dev.distillery.export;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.ExtractedPair;
import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.RunClosed;
import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.SampleValidated;
import dev.distillery.contracts.SourceRef;
import dev.distillery.contracts.SourceStatus;
import dev.distillery.contracts.TaskType;
import dev.distillery.contracts.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run built from the contracts' factories, the way the upstream services build their events: papers with
 * one sample per planned prompt, each with the verdict the test asks for.
 */
public final class TestRun {
  private final String runId = UUID.randomUUID().toString();
  private final RunConfig config;
  private final Map<String, String> titles = new LinkedHashMap<>();
  private final List<SampleValidated> samples = new ArrayList<>();

  public TestRun(RunConfig config) {
    this.config = config;
  }

  public static RunConfig config(double validationShare, boolean requestTraining, ExportFormat... formats) {
    return new RunConfig(List.of(TaskType.values()), 2, List.of(formats), validationShare, requestTraining);
  }

  /** Adds a paper whose prompts get these verdicts, in order; returns its id. */
  public String paper(String title, Verdict... verdicts) {
    String paperId = Ids.paper(runId, "content-of-" + title);
    titles.put(paperId, title);
    for (int i = 0; i < verdicts.length; i++) {
      int segmentOrdinal = i / 2;
      String segmentId = Ids.segment(paperId, segmentOrdinal);
      TaskType taskType = TaskType.values()[i % TaskType.values().length];
      String promptId = Ids.prompt(segmentId, taskType, i % 2);
      SourceRef source =
          new SourceRef(title, fileName(title), "Section " + segmentOrdinal,
              "Text of section " + segmentOrdinal + " of " + title + ".");
      PromptReady prompt =
          PromptReady.of(runId, paperId, segmentId, promptId, taskType, i, verdicts.length, "Abstract of " + title,
              source, Instant.now());
      samples.add(validated(prompt, verdicts[i], title, i));
    }
    return paperId;
  }

  private static SampleValidated validated(PromptReady prompt, Verdict verdict, String title, int n) {
    GenerationInfo generation = new GenerationInfo("offline-template", "templates-v1", true, 0, 0, 1);
    SampleGenerated generated =
        verdict == Verdict.FAILED
            ? SampleGenerated.of(prompt, SampleStatus.FAILED, null, null, null, "model timed out", generation,
                Instant.now())
            : SampleGenerated.of(prompt, SampleStatus.GENERATED, "Explain point " + n + " of " + title + ".",
                n % 2 == 0 ? "" : "Context: équations « " + n + " »",
                verdict.name().toLowerCase() + " answer " + n + " about " + title + " — ✓ done.", null, generation,
                Instant.now());
    List<String> reasons = verdict == Verdict.ACCEPTED ? List.of() : List.of("not good enough");
    return SampleValidated.of(generated, verdict, verdict == Verdict.ACCEPTED ? 0.9 : 0.1, Map.of("length", 0.5),
        reasons, Instant.now());
  }

  /**
   * Adds a paper with one pair mined from the document (accepted), one multi-turn sample a model wrote (accepted)
   * and one it wrote that was rejected; both model calls cost {@code costUsd}. Returns its id.
   */
  public String mixedPaper(String title, String model, double costUsd) {
    String paperId = Ids.paper(runId, "content-of-" + title);
    titles.put(paperId, title);
    String segmentId = Ids.segment(paperId, 0);
    SourceRef source = new SourceRef(title, fileName(title), "Methods", "Text of " + title + ".",
        List.of("Intro", "Methods"), 0, 40, List.of());
    Instant now = Instant.now();
    ExtractedPair pair = new ExtractedPair(
        "What is measured in " + title + "?", "The latency of " + title + ".", "q-a", List.of("FAQ"), 0, 40);
    SampleGenerated mined =
        SampleGenerated.extracted(runId, paperId, segmentId, Ids.extractedPrompt(paperId, 0), pair, 3, source, now);
    samples.add(SampleValidated.of(mined, Verdict.ACCEPTED, 1.0, Map.of("length", 1.0), List.of(), now));
    GenerationInfo generation = new GenerationInfo("openai-chat", model, false, 120, 60, 900, costUsd);
    PromptReady chatPrompt = PromptReady.of(runId, paperId, segmentId, Ids.prompt(segmentId, TaskType.MULTI_TURN, 0),
        TaskType.MULTI_TURN, 1, 3, "Abstract of " + title, source, now);
    SampleGenerated chat = SampleGenerated.of(chatPrompt, SampleStatus.GENERATED, "How does " + title + " start?", "",
            "It ends well.", null, generation, now)
        .withConversation(List.of(new ChatTurn("user", "How does " + title + " start?"),
            new ChatTurn("assistant", "With a question."), new ChatTurn("user", "And then?"),
            new ChatTurn("assistant", "It ends well.")));
    samples.add(SampleValidated.of(chat, Verdict.ACCEPTED, 0.8, Map.of("length", 0.6), List.of(), now));
    PromptReady qaPrompt = PromptReady.of(runId, paperId, segmentId, Ids.prompt(segmentId, TaskType.QA, 0),
        TaskType.QA, 2, 3, "Abstract of " + title, source, now);
    SampleGenerated weak = SampleGenerated.of(qaPrompt, SampleStatus.GENERATED, "Why " + title + "?", "", "Because.",
        null, generation, now);
    samples.add(SampleValidated.of(weak, Verdict.REJECTED, 0.2, Map.of("length", 0.1), List.of("too short"), now));
    return paperId;
  }

  public static String fileName(String title) {
    return title.toLowerCase().replace(' ', '-') + ".md";
  }

  public RunClosed closed() {
    return RunClosed.of(runId, "run " + runId.substring(0, 8), config, List.copyOf(titles.keySet()), Instant.now());
  }

  /** run.closed listing every file offered, as the ingest-service sends it. */
  public RunClosed closed(List<SourceStatus> sources) {
    return RunClosed.of(
        runId, "run " + runId.substring(0, 8), config, List.copyOf(titles.keySet()), sources, Instant.now());
  }

  public String runId() {
    return runId;
  }

  public List<SampleValidated> samples() {
    return List.copyOf(samples);
  }

  public List<SampleValidated> samples(Verdict verdict) {
    return samples.stream().filter(s -> s.verdict() == verdict).toList();
  }

  public String title(String paperId) {
    return titles.get(paperId);
  }
}
