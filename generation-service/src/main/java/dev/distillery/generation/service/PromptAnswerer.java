package dev.distillery.generation.service;

import dev.distillery.contracts.PromptReady;
import dev.distillery.generation.GeneratedSample;
import dev.distillery.generation.repository.SampleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Answers a prompt, paying for at most one model call per prompt: an answer already stored for it (the prompt
 * was delivered again) is re-used. Blocking: runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class PromptAnswerer {
  private static final Logger LOG = Logger.getLogger(PromptAnswerer.class);
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

  @Inject GeneratorSelector generators;
  @Inject SampleRepository samples;

  public GeneratedSample answer(PromptReady prompt) {
    Optional<GeneratedSample> stored = storedAnswer(prompt);
    if (stored.isPresent()) {
      LOG.debugf("prompt %s already answered: re-using its sample", prompt.promptId());
      return stored.get();
    }
    return generators.active().generate(prompt);
  }

  /**
   * A database that cannot answer is no reason to stop: the sample is then generated, and the transaction
   * that stores it (with its own retries) finds out whether the database is back.
   */
  private Optional<GeneratedSample> storedAnswer(PromptReady prompt) {
    try {
      return samples.findByPrompt(prompt.promptId()).await().atMost(LOOKUP_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warnf("could not look up a stored sample for prompt %s, generating it: %s", prompt.promptId(), e.getMessage());
      return Optional.empty();
    }
  }
}
