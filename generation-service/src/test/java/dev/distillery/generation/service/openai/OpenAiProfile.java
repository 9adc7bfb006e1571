package dev.distillery.generation.service.openai;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service answering with the OpenAI-compatible generator against WireMock, with short retry delays. */
public class OpenAiProfile implements QuarkusTestProfile {
  public static final String API_KEY = "sk-test-0123456789abcdef";
  public static final String MODEL = "test-model";
  public static final int MAX_RETRIES = 2;
  private static final String CLIENT =
      "quarkus.fault-tolerance.\"dev.distillery.generation.client.ChatCompletionClient/complete\".";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "generation.generator", "openai",
        "generation.openai.api-key", API_KEY,
        "generation.openai.model", MODEL,
        "generation.openai.max-retries", String.valueOf(MAX_RETRIES),
        "generation.openai.timeout-seconds", "5",
        CLIENT + "retry.delay", "10",
        CLIENT + "retry.delay-unit", "millis",
        CLIENT + "retry.jitter", "0");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(WireMockOpenAi.class));
  }
}
