package dev.distillery.generation.client;

import dev.distillery.generation.config.GenerationConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The model table as live endpoints: one {@link ModelEndpoint} per model key (its own limiter and connection
 * pool), one {@link Guard} per provider (its circuit breaker shared by that provider's models). Endpoints are
 * built on first use, so a table of ten models costs nothing until a run names one.
 */
@ApplicationScoped
public class ModelCatalog {
  private final GenerationConfig config;
  private final Vertx vertx;
  private final MeterRegistry registry;
  private final Map<String, ModelSpec> specs = new TreeMap<>();
  private final Map<String, ModelEndpoint> endpoints = new ConcurrentHashMap<>();
  private final Map<String, OpenAiCompatibleClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Guard> guards = new ConcurrentHashMap<>();

  @Inject
  ModelCatalog(GenerationConfig config, Vertx vertx, MeterRegistry registry) {
    this.config = config;
    this.vertx = vertx;
    this.registry = registry;
    config.models().forEach((key, model) -> specs.put(key, spec(key, model)));
  }

  /** The entry of a key, whether or not its key is set. */
  public Optional<ModelSpec> spec(String key) {
    return Optional.ofNullable(specs.get(key));
  }

  public String defaultKey() {
    return config.defaultModel();
  }

  /** Whether a request to this model could be sent: it is in the table, and its API key is set or it needs none. */
  public boolean usable(String key) {
    ModelSpec spec = specs.get(key);
    return spec != null && (spec.apiKey().isPresent() || config.models().get(key).apiKeyEnv().isEmpty());
  }

  /** Why a model cannot be used, in words for a failed sample; empty when it can. */
  public Optional<String> unusableReason(String key) {
    if (!specs.containsKey(key)) {
      return Optional.of("model \"" + key + "\" is not in the model table (generation.models); known: " + specs.keySet());
    }
    if (!usable(key)) {
      return Optional.of(
          "model \"" + key + "\" needs an API key in the environment variable "
              + config.models().get(key).apiKeyEnv().orElseThrow() + ", which is not set");
    }
    return Optional.empty();
  }

  public ModelEndpoint endpoint(String key) {
    return endpoints.computeIfAbsent(key, this::build);
  }

  private ModelEndpoint build(String key) {
    ModelSpec spec = Optional.ofNullable(specs.get(key)).orElseThrow(() -> new IllegalArgumentException(unusableReason(key).orElse(key)));
    GenerationConfig.OpenAi calls = config.openai();
    OpenAiCompatibleClient client =
        clients.computeIfAbsent(key, k -> new OpenAiCompatibleClient(vertx, spec, Duration.ofSeconds(calls.timeoutSeconds())));
    Guard guard = guards.computeIfAbsent(spec.provider(), this::guard);
    return new ModelEndpoint(
        spec, client, new AdaptiveLimiter(spec.maxInFlight(), spec.rpm(), spec.tpm()), guard, registry,
        Duration.ofSeconds(calls.circuitOpenMaxWaitSeconds()),
        Duration.ofSeconds(Math.max(1, Math.min(5, calls.circuitBreakerDelaySeconds()))));
  }

  private Guard guard(String provider) {
    GenerationConfig.OpenAi calls = config.openai();
    TransientFailure transientFailure = new TransientFailure();
    return Guard.create()
        .withDescription("model provider " + provider)
        .withRetry()
        .maxRetries(calls.maxRetries())
        .delay(calls.retryDelayMillis(), ChronoUnit.MILLIS)
        .jitter(calls.retryJitterMillis(), ChronoUnit.MILLIS)
        .maxDuration(30, ChronoUnit.MINUTES)
        .whenException(transientFailure)
        .withExponentialBackoff()
        .factor(2)
        .maxDelay(30, ChronoUnit.SECONDS)
        .done()
        .done()
        .withCircuitBreaker()
        .name("generation-provider-" + provider)
        // A 429 says the provider is up and wants less: the adaptive limit answers it, the breaker must not.
        .when(e -> transientFailure.test(e) && !(e instanceof ProviderException p && p.status() == 429))
        .requestVolumeThreshold(20)
        .failureRatio(0.75)
        .delay(calls.circuitBreakerDelaySeconds(), ChronoUnit.SECONDS)
        .successThreshold(2)
        .done()
        .build();
  }

  private static ModelSpec spec(String key, GenerationConfig.Model model) {
    Optional<String> apiKey =
        model.apiKeyEnv()
            .flatMap(env -> ConfigProvider.getConfig().getOptionalValue(env, String.class))
            .map(String::strip)
            .filter(k -> !k.isEmpty());
    return new ModelSpec(
        key, model.provider(), model.model(), model.baseUrl(), apiKey, model.contextWindow(), model.inputPrice(),
        model.outputPrice(), model.jsonMode(), model.rpm(), model.tpm(), model.maxInFlight());
  }

  @PreDestroy
  void close() {
    clients.values().forEach(OpenAiCompatibleClient::close);
  }
}
