package dev.distillery.generation.service;

import dev.distillery.contracts.GenerationInfo;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.TaskType;
import dev.distillery.generation.FewShotExample;
import dev.distillery.generation.GeneratedSample;
import dev.distillery.generation.GenerationRequest;
import dev.distillery.generation.repository.PromptRepository;
import dev.distillery.generation.repository.SampleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Answers a prompt, paying for at most one model call per prompt: an answer already stored for it (the prompt
 * was delivered again) is re-used. Blocking: runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class PromptAnswerer {
  private static final Logger LOG = Logger.getLogger(PromptAnswerer.class);
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);
  static final String NO_CUSTOM_PROMPT =
      "task type CUSTOM needs the run's generation.customPrompt (the prompt to send, with {passage} where the text"
          + " goes); the run gave none";

  @Inject GeneratorSelector generators;
  @Inject SampleRepository samples;
  @Inject PromptRepository prompts;

  public GeneratedSample answer(PromptReady prompt) {
    Optional<PromptRepository.Lookup> found =
        lookup(() -> Optional.of(prompts.lookup(prompt.promptId()).await().atMost(LOOKUP_TIMEOUT)), prompt);
    Optional<GeneratedSample> stored = found.flatMap(PromptRepository.Lookup::stored);
    if (stored.isPresent()) {
      LOG.debugf("prompt %s already answered: re-using its sample", prompt.promptId());
      return stored.get();
    }
    GenerationRequest request =
        found.flatMap(PromptRepository.Lookup::context)
            .map(c -> new GenerationRequest(prompt, c.settings(), c.paperLanguage(), c.variant(), fewShot(prompt, c), c.teacher()))
            .orElseGet(() -> GenerationRequest.of(prompt));
    SampleGenerator generator = generators.forRequest(request);
    String custom = request.settings().customPrompt();
    if (prompt.taskType() == TaskType.CUSTOM && (custom == null || custom.isBlank())) {
      return GeneratedSample.failed(NO_CUSTOM_PROMPT, new GenerationInfo(generator.name(), null, true, 0, 0, 0));
    }
    return generator.generate(request);
  }

  /** A student prompt of a teacher–student run carries the teacher's samples of its task type. */
  private List<FewShotExample> fewShot(PromptReady prompt, PromptRepository.Context context) {
    String teacher = context.settings().teacherModel();
    if (context.teacher() || teacher == null || teacher.isBlank()) {
      return List.of();
    }
    return lookup(
            () -> Optional.of(
                samples.teacherExamples(prompt.runId(), prompt.taskType(), context.settings().fewShot())
                    .await().atMost(LOOKUP_TIMEOUT)),
            prompt)
        .orElse(List.of());
  }

  /**
   * A database that cannot answer is no reason to stop: the sample is then generated, and the transaction
   * that stores it (with its own retries) finds out whether the database is back.
   */
  private static <T> Optional<T> lookup(Supplier<Optional<T>> query, PromptReady prompt) {
    try {
      return query.get();
    } catch (RuntimeException e) {
      LOG.warnf("could not look up prompt %s in the database, generating it as planned by default: %s",
          prompt.promptId(), e.getMessage());
      return Optional.empty();
    }
  }
}
