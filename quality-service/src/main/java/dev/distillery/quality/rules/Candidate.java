package dev.distillery.quality.rules;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleOrigin;
import dev.distillery.contracts.TaskType;
import java.util.List;

/**
 * A sample as the rules see it, whether it came from our generator or from a user's dataset.
 *
 * @param id the sample id (a line number for a checked file)
 * @param taskType the instruction type, null when unknown (a user's dataset)
 * @param sourceText the segment the sample was generated from; empty when unknown
 * @param paperFlags what ingest noticed about the paper, e.g. {@code prompt-injection}
 * @param extracted whether the pair was mined from the document itself (grounded and "copied" by construction)
 * @param conversation every turn of a multi-turn sample; empty for a single turn
 */
public record Candidate(
    String id,
    TaskType taskType,
    String instruction,
    String input,
    String output,
    String sourceText,
    List<String> paperFlags,
    boolean extracted,
    List<ChatTurn> conversation) {

  public Candidate {
    instruction = instruction == null ? "" : instruction;
    input = input == null ? "" : input;
    output = output == null ? "" : output;
    sourceText = sourceText == null ? "" : sourceText;
    paperFlags = paperFlags == null ? List.of() : List.copyOf(paperFlags);
    conversation = conversation == null ? List.of() : List.copyOf(conversation);
  }

  public static Candidate of(SampleGenerated sample) {
    return new Candidate(sample.sampleId(), sample.taskType(), sample.instruction(), sample.input(), sample.output(),
        sample.source() == null ? null : sample.source().segmentText(),
        sample.source() == null ? null : sample.source().paperFlags(), sample.origin() == SampleOrigin.EXTRACTED,
        sample.conversation());
  }

  /** The text dedup compares: the instruction and the answer. */
  public String dedupText() {
    return instruction + "\n" + input + "\n" + output;
  }
}
