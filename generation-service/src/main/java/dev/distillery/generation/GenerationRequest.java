package dev.distillery.generation;

import dev.distillery.contracts.GenerationSettings;
import dev.distillery.contracts.PromptReady;
import java.util.List;

/**
 * One prompt with what the run asked of it, read from the planner's tables since prompt.ready does not carry
 * the run's settings.
 *
 * @param paperLanguage the paper's detected language (ISO 639-1), null when ingest could not tell
 * @param variant rank of this prompt among the prompts of its task type on its segment (0, 1, …), so that
 *     several prompts of one kind on one segment ask different things
 * @param fewShot examples from a teacher model to show a student model; empty when none
 * @param teacher whether the run's teacher model answers this prompt
 */
public record GenerationRequest(
    PromptReady prompt, GenerationSettings settings, String paperLanguage, int variant, List<FewShotExample> fewShot,
    boolean teacher) {

  public GenerationRequest {
    settings = settings == null ? GenerationSettings.defaults() : settings;
    fewShot = fewShot == null ? List.of() : List.copyOf(fewShot);
  }

  /** A prompt planned with the default settings, as the first of its kind on its segment. */
  public static GenerationRequest of(PromptReady prompt) {
    return new GenerationRequest(prompt, null, null, 0, null, false);
  }

  /** The model table's key this prompt goes to; null for the service's default model. */
  public String modelKey() {
    String key = teacher ? settings.teacherModel() : settings.model();
    return key == null || key.isBlank() ? null : key.strip();
  }

  /** The language the sample is written in: the run's choice, else the paper's, else English. */
  public String outputLanguage() {
    if (settings.outputLanguage() != null && !settings.outputLanguage().isBlank()) {
      return settings.outputLanguage().strip();
    }
    return paperLanguage == null || paperLanguage.isBlank() ? "en" : paperLanguage;
  }
}
