package dev.distillery.generation.service.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat endpoint that counts, server-side, how many requests it holds at once. Every answer
 * takes {@link #LATENCY_MS}; a request whose body holds {@link #RATE_LIMITED} gets a 429 with {@code Retry-After: 1}
 * on every third arrival, one holding {@link #FLAKY} a 500 on every fourth. Answers name the model asked for and
 * report 321 prompt and 87 completion tokens.
 */
public class FakeOpenAiServer implements QuarkusTestResourceLifecycleManager {
  public static final int LATENCY_MS = 100;
  public static final String RATE_LIMITED = "[rate-limit-me]";
  public static final String FLAKY = "[fail-sometimes]";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANSWER =
      "{\"instruction\": \"Why does Sievelite use a running median?\", \"input\": \"\","
          + " \"output\": \"A running median ignores single spikes, unlike a moving average.\"}";

  /** One request as the server saw it. */
  public record Arrival(long atMillis, int status, String body) {}

  static final AtomicInteger IN_FLIGHT = new AtomicInteger();
  static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();
  static final List<Arrival> ARRIVALS = new CopyOnWriteArrayList<>();
  private static final AtomicInteger RATE_LIMITED_SEEN = new AtomicInteger();
  private static final AtomicInteger FLAKY_SEEN = new AtomicInteger();

  private HttpServer server;
  private ExecutorService executor;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    } catch (IOException e) {
      throw new IllegalStateException("could not start the fake OpenAI server", e);
    }
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
    return Map.of("fake-openai.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/");
  }

  /** Requests whose body held the marker, in order of arrival. */
  static List<Arrival> arrivals(String marker) {
    return ARRIVALS.stream().filter(a -> a.body().contains(marker)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = IN_FLIGHT.incrementAndGet();
    MAX_IN_FLIGHT.accumulateAndGet(now, Math::max);
    try {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = 200;
      if (body.contains(RATE_LIMITED) && RATE_LIMITED_SEEN.incrementAndGet() % 3 == 0) {
        status = 429;
        exchange.getResponseHeaders().add("Retry-After", "1");
      } else if (body.contains(FLAKY) && FLAKY_SEEN.incrementAndGet() % 4 == 0) {
        status = 500;
      }
      ARRIVALS.add(new Arrival(System.currentTimeMillis(), status, body));
      TimeUnit.MILLISECONDS.sleep(LATENCY_MS);
      String answer = status == 200 ? completion(JSON.readTree(body).path("model").asText()) : "{\"error\": {\"message\": \"status " + status + "\"}}";
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      IN_FLIGHT.decrementAndGet();
      exchange.close();
    }
  }

  private static String completion(String model) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-fake").put("object", "chat.completion").put("model", model);
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", ANSWER);
    body.putObject("usage").put("prompt_tokens", 321).put("completion_tokens", 87);
    return body.toString();
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
