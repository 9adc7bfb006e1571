package dev.distillery.generation.service;

import dev.distillery.generation.GeneratedSample;
import dev.distillery.generation.GenerationRequest;

/** Answers one prompt. May block (a model call): never call it on an event-loop thread. */
public interface SampleGenerator {

  /** The name recorded in {@code GenerationInfo.generator} and in metric tags. */
  String name();

  /**
   * Never throws for a bad answer or an unreachable model: those come back as a {@code FAILED} sample with
   * the reason, so every prompt gets exactly one answer.
   */
  GeneratedSample generate(GenerationRequest request);
}
