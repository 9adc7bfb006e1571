package dev.distillery.generation;

import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.SampleStatus;

/**
 * A generator's answer to one prompt, or why there is none. A failure is an answer too: it is stored and
 * published so that the run can still be counted complete.
 */
public record GeneratedSample(
    SampleStatus status, String instruction, String input, String output, String failureReason,
    GenerationInfo generation) {

  public static GeneratedSample generated(String instruction, String input, String output, GenerationInfo generation) {
    return new GeneratedSample(SampleStatus.GENERATED, instruction, input, output, null, generation);
  }

  public static GeneratedSample failed(String reason, GenerationInfo generation) {
    return new GeneratedSample(SampleStatus.FAILED, null, null, null, reason, generation);
  }
}
