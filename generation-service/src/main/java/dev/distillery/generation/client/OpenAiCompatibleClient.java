package dev.distillery.generation.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One chat completion against a model's OpenAI-compatible {@code /chat/completions}, in one HTTP request and no
 * retry: retries, limits and the circuit breaker are {@link ModelEndpoint}'s. Written on the Vert.x HTTP client
 * rather than a provider SDK so that nothing retries behind our back, and so that what the SDKs hide is at hand:
 * {@code Retry-After}, {@code reasoning_content} / {@code reasoning}, and a response that leaves out its usage.
 * An attempt that runs out of time has its stream reset, so the server sees the request end. Blocks the calling
 * (worker) thread; thread-safe.
 */
public final class OpenAiCompatibleClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_CHARS = 300;

  private final ModelSpec spec;
  private final HttpClient http;
  private final String url;
  private final Duration timeout;

  public OpenAiCompatibleClient(Vertx vertx, ModelSpec spec, Duration timeout) {
    this.spec = spec;
    this.timeout = timeout;
    this.url = spec.baseUrl() + "chat/completions";
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000).setTryUseCompression(true),
            new PoolOptions().setHttp1MaxSize(spec.maxInFlight() + 4));
  }

  public ChatCompletion complete(ChatRequest request) {
    return complete(request, () -> {});
  }

  /**
   * @param settled run once the exchange is over (answered, failed or reset), on whichever thread saw it end: the
   *     caller's slot can go to the next request without waiting for this thread to wake up and read the answer
   */
  public ChatCompletion complete(ChatRequest request, Runnable settled) {
    String body = body(request);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(url)
            .setIdleTimeout(timeout.toMillis())
            .putHeader("Content-Type", "application/json")
            .putHeader("Accept", "application/json");
    spec.apiKey().ifPresent(key -> options.putHeader("Authorization", "Bearer " + key));
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    Future<Response> exchange =
        http.request(options)
            .compose(
                outgoing -> {
                  sent.set(outgoing);
                  return outgoing.send(Buffer.buffer(body))
                      .compose(
                          incoming ->
                              incoming.body()
                                  .map(
                                      bytes ->
                                          new Response(
                                              incoming.statusCode(), incoming.getHeader("retry-after"),
                                              incoming.getHeader("retry-after-ms"),
                                              bytes.toString(StandardCharsets.UTF_8))));
                })
            .onComplete(done -> settled.run());
    Response response;
    try {
      response = exchange.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      HttpClientRequest outgoing = sent.get();
      if (outgoing != null) {
        outgoing.reset();
      }
      throw ProviderException.timeout(spec.key() + ": no answer within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProviderException.unreachable(spec.key() + ": interrupted while waiting for the answer", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String what = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      if (cause.getClass().getSimpleName().contains("Timeout")) {
        throw ProviderException.timeout(spec.key() + ": no answer within " + timeout.toSeconds() + " s (" + what + ")");
      }
      throw ProviderException.unreachable(spec.key() + ": " + what, cause);
    }
    if (response.status() / 100 != 2) {
      throw new ProviderException(
          response.status(), retryAfter(response),
          spec.key() + ": HTTP " + response.status() + " " + errorMessage(response.body()));
    }
    return completion(request, response.body());
  }

  private String body(ChatRequest request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", spec.model());
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", request.system());
    messages.addObject().put("role", "user").put("content", request.user());
    body.put("temperature", request.temperature());
    body.put("max_tokens", request.maxTokens());
    if (request.jsonMode()) {
      body.putObject("response_format").put("type", "json_object");
    }
    return body.toString();
  }

  private ChatCompletion completion(ChatRequest request, String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ProviderException(
          502, Optional.empty(), spec.key() + ": the response is not JSON (" + e.getOriginalMessage() + ")");
    }
    JsonNode message = root.path("choices").path(0).path("message");
    if (message.isMissingNode()) {
      throw new ProviderException(502, Optional.empty(), spec.key() + ": the response has no choices[0].message");
    }
    String text = textOrNull(message.get("content"));
    String reasoning = textOrNull(message.get("reasoning_content"));
    if (reasoning == null) {
      reasoning = textOrNull(message.get("reasoning"));
    }
    JsonNode usage = root.get("usage");
    boolean reported = usage != null && usage.hasNonNull("prompt_tokens") && usage.hasNonNull("completion_tokens");
    int promptTokens = reported ? usage.get("prompt_tokens").asInt() : request.estimatedPromptTokens();
    int completionTokens =
        reported ? usage.get("completion_tokens").asInt() : Tokens.count(text) + Tokens.count(reasoning);
    String model = root.hasNonNull("model") ? root.get("model").asText() : spec.model();
    return new ChatCompletion(text, reasoning, model, promptTokens, completionTokens);
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
  }

  /** {@code retry-after-ms} (OpenAI), else {@code Retry-After} as seconds or an HTTP date. */
  static Optional<Duration> retryAfter(Response response) {
    try {
      if (response.retryAfterMs() != null) {
        return Optional.of(Duration.ofMillis((long) Double.parseDouble(response.retryAfterMs().strip())));
      }
      if (response.retryAfter() != null) {
        String value = response.retryAfter().strip();
        if (value.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
          return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
        }
        Duration until =
            Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static String errorMessage(String body) {
    String message = body;
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.hasNonNull("message")) {
        message = error.get("message").asText();
      } else if (error.isTextual()) {
        message = error.asText();
      }
    } catch (JsonProcessingException e) {
      message = body;
    }
    message = message == null ? "" : message.replaceAll("\\s+", " ").strip();
    return message.length() <= MAX_ERROR_CHARS ? message : message.substring(0, MAX_ERROR_CHARS) + "…";
  }

  @Override
  public void close() {
    http.close();
  }

  record Response(int status, String retryAfter, String retryAfterMs, String body) {}
}
