package dev.distillery.generation.service;

import dev.distillery.generation.GenerationRequest;
import dev.distillery.generation.client.ModelCatalog;
import dev.distillery.generation.config.GenerationConfig;
import dev.distillery.generation.service.offline.OfflineTemplateGenerator;
import dev.distillery.generation.service.openai.OpenAiChatGenerator;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Picks the generator of each prompt ({@code generation.generator}): offline when so configured; else the model
 * the run names; else the default model when it is usable ({@code auto}) or required ({@code openai}); else
 * offline. Checked at start-up, so that {@code openai} without a usable default model fails fast.
 */
@ApplicationScoped
public class GeneratorSelector {
  private static final Logger LOG = Logger.getLogger(GeneratorSelector.class);

  @Inject GenerationConfig config;
  @Inject OfflineTemplateGenerator offline;
  @Inject OpenAiChatGenerator openai;
  @Inject ModelCatalog models;

  void check(@Observes StartupEvent startup) {
    String key = models.defaultKey();
    switch (config.generator()) {
      case OFFLINE -> LOG.info("answering prompts with the offline template generator (generation.generator=offline)");
      case OPENAI -> {
        if (!models.usable(key)) {
          throw new IllegalStateException(
              "generation.generator=openai needs a usable default model: " + models.unusableReason(key).orElse(key));
        }
        LOG.infof("answering prompts with %s unless a run names another model", models.spec(key).orElseThrow());
      }
      case AUTO -> {
        if (models.usable(key)) {
          LOG.infof("answering prompts with %s unless a run names another model", models.spec(key).orElseThrow());
        } else {
          LOG.infof("answering prompts with the offline template generator unless a run names a model (%s)",
              models.unusableReason(key).orElse(key));
        }
      }
    }
  }

  public SampleGenerator forRequest(GenerationRequest request) {
    if (config.generator() == GenerationConfig.GeneratorChoice.OFFLINE) {
      return offline;
    }
    if (request.modelKey() != null) {
      return openai;
    }
    return config.generator() == GenerationConfig.GeneratorChoice.OPENAI || models.usable(models.defaultKey())
        ? openai
        : offline;
  }
}
