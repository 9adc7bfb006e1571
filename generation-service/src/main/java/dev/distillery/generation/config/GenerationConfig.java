package dev.distillery.generation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** How prompts are answered. */
@ConfigMapping(prefix = "generation")
public interface GenerationConfig {

  /**
   * Which generator answers prompts: {@code auto} (the model of {@link #defaultModel()} when it is usable — its
   * API key is set, or it needs none — else the offline one), {@code offline} or {@code openai} (always a model).
   * A run that names a model ({@code generation.model} in its config) always gets that model unless this is
   * {@code offline}.
   */
  @WithDefault("auto")
  GeneratorChoice generator();

  /** Key in {@link #models()} of the model a run gets when it names none. */
  @WithDefault("openai")
  String defaultModel();

  /**
   * The model table: every model a run may name, by key (e.g. {@code generation.models."qwen-plus".model}). The
   * shipped table is in application.properties; entries and fields can be added or overridden per deployment.
   */
  Map<String, Model> models();

  Worker worker();

  OpenAi openai();

  Prompts prompts();

  Budget budget();

  /** The values of {@link #generator()}. */
  enum GeneratorChoice {
    AUTO,
    OFFLINE,
    OPENAI
  }

  /** One entry of the model table. Every provider is reached through its OpenAI-compatible chat endpoint. */
  interface Model {
    /** Who serves it ({@code openai}, {@code dashscope}, {@code deepseek}, {@code groq}, …); one circuit breaker each. */
    String provider();

    /** Model name as the provider's API spells it. */
    String model();

    /** Base URL of the provider's OpenAI-compatible API, up to and including the version (…/v1/). */
    String baseUrl();

    /**
     * Name of the environment variable holding the API key (e.g. {@code DASHSCOPE_API_KEY}); absent for local
     * servers that take none. Keys are only ever read from there, never logged and never put in an event.
     */
    Optional<String> apiKeyEnv();

    /** Tokens of prompt and answer together the model accepts. */
    @WithDefault("128000")
    int contextWindow();

    /** US dollars per million input tokens; 0 for local models. */
    @WithDefault("0")
    double inputPrice();

    /** US dollars per million output tokens; 0 for local models. */
    @WithDefault("0")
    double outputPrice();

    /** US dollars per million input tokens through the provider's batch API, where it has one. */
    OptionalDouble batchInputPrice();

    /** US dollars per million output tokens through the provider's batch API, where it has one. */
    OptionalDouble batchOutputPrice();

    /** Whether the endpoint honours {@code response_format: {"type": "json_object"}}. */
    @WithDefault("false")
    boolean jsonMode();

    /** Requests per minute the account may send; 0 for no limit. */
    @WithDefault("0")
    int rpm();

    /** Tokens (prompt and answer) per minute the account may use; 0 for no limit. */
    @WithDefault("0")
    int tpm();

    /**
     * Requests in flight at most; the adaptive limit moves between 1 and this. Keep
     * {@code generation.worker.concurrency} at least as high, or the worker cannot fill it.
     */
    @WithDefault("16")
    int maxInFlight();
  }

  /** The prompt.ready consumer. */
  interface Worker {
    /**
     * Prompts worked on at once. Sizes the {@code generation-workers} pool; each model's {@code max-in-flight}
     * and its adaptive limit decide how many of them are at the provider at a time.
     */
    @WithDefault("16")
    int concurrency();
  }

  /** How each model call is made, whatever the provider. */
  interface OpenAi {
    /** Sampling temperature ({@code OPENAI_TEMPERATURE}). */
    @WithDefault("0.7")
    double temperature();

    /** Upper bound on the tokens of one answer. */
    @WithDefault("1500")
    int maxTokens();

    /** Time one attempt may take, in seconds ({@code OPENAI_TIMEOUT_SECONDS}); its connection is closed then. */
    @WithDefault("60")
    int timeoutSeconds();

    /** Further attempts after a transient failure (429, 5xx, timeout, connection refused) before giving up. */
    @WithDefault("3")
    int maxRetries();

    /** Delay before the first retry, in milliseconds; doubled for each further one (up to 30 s), plus jitter. */
    @WithDefault("1000")
    long retryDelayMillis();

    /** Random part added to or taken from each retry delay, in milliseconds. */
    @WithDefault("250")
    long retryJitterMillis();

    /** How long a provider's circuit breaker stays open after it tripped, in seconds. */
    @WithDefault("30")
    int circuitBreakerDelaySeconds();

    /**
     * How long a prompt waits, in total, for a provider whose circuit breaker is open before it fails; the
     * backlog waits instead of turning into failed samples during a short outage.
     */
    @WithDefault("600")
    int circuitOpenMaxWaitSeconds();

    /**
     * Longest part of a segment sent to the model, in characters; longer segments are cut so that a request
     * never overflows a small model's context window.
     */
    @WithDefault("12000")
    int maxSegmentChars();
  }

  /** Where the prompt templates come from. */
  interface Prompts {
    /**
     * A directory whose {@code system.txt} and {@code <task-type>.txt} files (e.g. {@code chain-of-thought-qa.txt})
     * replace the shipped templates of the same name; files it lacks keep the shipped ones. Read at start-up.
     */
    Optional<String> dir();
  }

  /** Spending caps and estimates. */
  interface Budget {
    /** Answer tokens assumed per prompt when estimating a run's cost before it is spent. */
    @WithDefault("400")
    int expectedOutputTokens();
  }
}
