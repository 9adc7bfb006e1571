package dev.distillery.generation.service.openai;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service answering with models against two local servers: the default model {@code openai} at WireMock,
 * and at {@link FakeOpenAiServer} a model capped at {@link #CAP} requests in flight ({@code capped}), an
 * expensive one ({@code priced}, $1,000 per million tokens either way) and a teacher ({@code teacher}, $100). Short retry delays and timeouts.
 */
public class OpenAiProfile implements QuarkusTestProfile {
  public static final String API_KEY = "sk-test-0123456789abcdef";
  public static final String MODEL = "test-model";
  public static final int MAX_RETRIES = 2;
  public static final int TIMEOUT_SECONDS = 3;
  public static final int CAP = 4;

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>();
    config.put("generation.generator", "openai");
    config.put("OPENAI_API_KEY", API_KEY);
    config.put("generation.models.openai.model", MODEL);
    config.put("generation.models.openai.input-price", "2.5");
    config.put("generation.models.openai.output-price", "10");
    config.put("generation.openai.max-retries", String.valueOf(MAX_RETRIES));
    config.put("generation.openai.timeout-seconds", String.valueOf(TIMEOUT_SECONDS));
    config.put("generation.openai.retry-delay-millis", "10");
    config.put("generation.openai.retry-jitter-millis", "0");
    config.put("generation.worker.concurrency", "16");
    model(config, "capped", "0", String.valueOf(CAP));
    model(config, "priced", "1000", "16");
    model(config, "teacher", "100", "16");
    config.put("generation.models.teacher.model", "fake-teacher");
    model(config, "wide", "0", "16");
    config.put("generation.models.wide.base-url", "${generation.models.openai.base-url}");
    return config;
  }

  private static void model(Map<String, String> config, String key, String price, String maxInFlight) {
    String prefix = "generation.models." + key + ".";
    config.put(prefix + "provider", "fake-" + key);
    config.put(prefix + "model", "fake-model");
    config.put(prefix + "base-url", "${fake-openai.base-url}");
    config.put(prefix + "input-price", price);
    config.put(prefix + "output-price", price);
    config.put(prefix + "json-mode", "true");
    config.put(prefix + "max-in-flight", maxInFlight);
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(WireMockOpenAi.class), new TestResourceEntry(FakeOpenAiServer.class));
  }
}
