package dev.distillery.quality;

import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.SourceRef;
import dev.distillery.contracts.TaskType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds sample.generated events as the generation-service would. */
public final class SampleFixtures {
  public static final String SEGMENT =
      "Scaled dot-product attention computes a weighted sum of values, where each weight comes from the"
          + " compatibility of a query with the corresponding key. Multi-head attention runs several of these in"
          + " parallel on projected inputs and concatenates the results, which lets the model attend to"
          + " information from different representation subspaces at different positions.";

  private SampleFixtures() {}

  public static SampleGenerated generated(String runId, String instruction, String output) {
    return sample(runId, SampleStatus.GENERATED, instruction, output, null);
  }

  public static SampleGenerated failed(String runId, String reason) {
    return sample(runId, SampleStatus.FAILED, null, null, reason);
  }

  /** Samples of one paper (so one partition, in this order), one per instruction/output pair. */
  public static List<SampleGenerated> ofOnePaper(String runId, List<String[]> instructionAndOutput) {
    String paperId = Ids.paper(runId, UUID.randomUUID().toString());
    String segmentId = Ids.segment(paperId, 0);
    List<SampleGenerated> samples = new ArrayList<>();
    for (int i = 0; i < instructionAndOutput.size(); i++) {
      PromptReady prompt =
          PromptReady.of(runId, paperId, segmentId, Ids.prompt(segmentId, TaskType.CONCEPT_EXPLANATION, i),
              TaskType.CONCEPT_EXPLANATION, i, instructionAndOutput.size(), null,
              new SourceRef("Attention Is All You Need", "attention.md", "Attention", SEGMENT), Instant.now());
      samples.add(SampleGenerated.of(prompt, SampleStatus.GENERATED, instructionAndOutput.get(i)[0], "",
          instructionAndOutput.get(i)[1], null, new GenerationInfo("offline-template", "offline-template-v1", true, 10,
              40, 1), Instant.now()));
    }
    return samples;
  }

  private static SampleGenerated sample(
      String runId, SampleStatus status, String instruction, String output, String reason) {
    String paperId = Ids.paper(runId, UUID.randomUUID().toString());
    String segmentId = Ids.segment(paperId, 0);
    PromptReady prompt =
        PromptReady.of(runId, paperId, segmentId, Ids.prompt(segmentId, TaskType.CONCEPT_EXPLANATION, 0),
            TaskType.CONCEPT_EXPLANATION, 0, 1, null,
            new SourceRef("Attention Is All You Need", "attention.md", "Attention", SEGMENT), Instant.now());
    return SampleGenerated.of(prompt, status, instruction, "", output, reason,
        new GenerationInfo("offline-template", "offline-template-v1", true, 10, 40, 1), Instant.now());
  }
}
