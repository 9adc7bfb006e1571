package dev.distillery.generation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How prompts are answered. */
@ConfigMapping(prefix = "generation")
public interface GenerationConfig {

  /**
   * Which generator answers prompts: {@code auto} (the OpenAI-compatible one when an API key is set, else the
   * offline one), {@code offline} or {@code openai}. Read at start-up.
   */
  @WithDefault("auto")
  GeneratorChoice generator();

  Worker worker();

  OpenAi openai();

  /** The values of {@link #generator()}. */
  enum GeneratorChoice {
    AUTO,
    OFFLINE,
    OPENAI
  }

  /** The prompt.ready consumer. */
  interface Worker {
    /**
     * Prompts answered at once (each one a model call in flight). Sizes the {@code generation-workers} pool;
     * keep it within the provider's rate limit.
     */
    @WithDefault("16")
    int concurrency();
  }

  /** The OpenAI-compatible chat generator. */
  interface OpenAi {
    /** API key ({@code OPENAI_API_KEY}). Never logged and never put in an event. */
    Optional<String> apiKey();

    /** Base URL of an OpenAI-compatible API ({@code OPENAI_BASE_URL}), e.g. a vLLM or DashScope endpoint. */
    @WithDefault("https://api.openai.com/v1/")
    String baseUrl();

    /** Chat model name ({@code OPENAI_MODEL}). */
    @WithDefault("gpt-4o-mini")
    String model();

    /** Sampling temperature ({@code OPENAI_TEMPERATURE}). */
    @WithDefault("0.7")
    double temperature();

    /** Upper bound on the tokens of one answer. */
    @WithDefault("1500")
    int maxTokens();

    /**
     * Time one model call may take, in seconds ({@code OPENAI_TIMEOUT_SECONDS}); bounds the HTTP call and the
     * fault-tolerance timeout of each attempt.
     */
    @WithDefault("60")
    int timeoutSeconds();

    /** Further attempts after a transient failure (429, 5xx, timeout, connection refused) before giving up. */
    @WithDefault("3")
    int maxRetries();

    /**
     * Longest part of a segment sent to the model, in characters; longer segments are cut so that a request
     * never overflows a small model's context window.
     */
    @WithDefault("12000")
    int maxSegmentChars();
  }
}
