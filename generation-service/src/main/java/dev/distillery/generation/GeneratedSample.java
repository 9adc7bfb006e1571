package dev.distillery.generation;

import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.SampleStatus;
import java.util.List;

/**
 * A generator's answer to one prompt, or why there is none. A failure is an answer too: it is stored and
 * published so that the run can still be counted complete.
 *
 * @param reasoning what the model returned apart from its answer ({@code reasoning_content}); null when none
 * @param rawOutput the model's text as received, kept on failures so a user can see what could not be read
 * @param conversation every turn of a multi-turn sample; empty for single-turn ones
 */
public record GeneratedSample(
    SampleStatus status, String instruction, String input, String output, String failureReason,
    GenerationInfo generation, String reasoning, String rawOutput, List<ChatTurn> conversation) {

  public GeneratedSample {
    conversation = conversation == null ? List.of() : List.copyOf(conversation);
  }

  public static GeneratedSample generated(String instruction, String input, String output, GenerationInfo generation) {
    return new GeneratedSample(SampleStatus.GENERATED, instruction, input, output, null, generation, null, null, null);
  }

  public static GeneratedSample failed(String reason, GenerationInfo generation) {
    return new GeneratedSample(SampleStatus.FAILED, null, null, null, reason, generation, null, null, null);
  }

  public GeneratedSample withConversation(List<ChatTurn> turns) {
    return new GeneratedSample(status, instruction, input, output, failureReason, generation, reasoning, rawOutput, turns);
  }

  public GeneratedSample withReasoning(String modelReasoning) {
    return new GeneratedSample(
        status, instruction, input, output, failureReason, generation, modelReasoning, rawOutput, conversation);
  }

  public GeneratedSample withRawOutput(String raw) {
    return new GeneratedSample(status, instruction, input, output, failureReason, generation, reasoning, raw, conversation);
  }
}
