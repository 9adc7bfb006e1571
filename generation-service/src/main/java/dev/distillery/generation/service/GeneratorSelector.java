package dev.distillery.generation.service;

import dev.distillery.generation.config.GenerationConfig;
import dev.distillery.generation.service.offline.OfflineTemplateGenerator;
import dev.distillery.generation.service.openai.OpenAiChatGenerator;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Picks, once at start-up, the generator that answers every prompt ({@code generation.generator}). The
 * OpenAI-compatible one is only built when chosen, so a service without an API key starts and runs offline.
 */
@ApplicationScoped
public class GeneratorSelector {
  private static final Logger LOG = Logger.getLogger(GeneratorSelector.class);

  @Inject GenerationConfig config;
  @Inject OfflineTemplateGenerator offline;
  @Inject Instance<OpenAiChatGenerator> openai;

  private volatile SampleGenerator active;

  void select(@Observes StartupEvent startup) {
    active();
  }

  public SampleGenerator active() {
    SampleGenerator chosen = active;
    if (chosen == null) {
      synchronized (this) {
        if (active == null) {
          active = choose();
        }
        chosen = active;
      }
    }
    return chosen;
  }

  private SampleGenerator choose() {
    boolean keySet = config.openai().apiKey().filter(key -> !key.isBlank()).isPresent();
    GenerationConfig.OpenAi settings = config.openai();
    switch (config.generator()) {
      case OPENAI -> {
        if (!keySet) {
          throw new IllegalStateException(
              "generation.generator=openai needs an API key: set OPENAI_API_KEY (generation.openai.api-key)");
        }
      }
      case AUTO -> {
        if (!keySet) {
          LOG.info("answering prompts with the offline template generator (no OPENAI_API_KEY set)");
          return offline;
        }
      }
      case OFFLINE -> {
        LOG.info("answering prompts with the offline template generator (generation.generator=offline)");
        return offline;
      }
    }
    LOG.infof(
        "answering prompts with model %s at %s (timeout %ds, %d retries, %d in flight)", settings.model(),
        settings.baseUrl(), settings.timeoutSeconds(), settings.maxRetries(), config.worker().concurrency());
    return openai.get();
  }
}
