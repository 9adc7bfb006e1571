package dev.distillery.generation.client;

import java.util.Optional;

/**
 * One model of the table, its API key resolved. {@link #toString()} leaves the key out, so that logging a spec
 * never leaks it.
 *
 * @param key the table's key, which runs name
 * @param inputPrice US dollars per million input tokens
 * @param outputPrice US dollars per million output tokens
 * @param rpm requests per minute, 0 for no limit
 * @param tpm tokens per minute, 0 for no limit
 */
public record ModelSpec(
    String key, String provider, String model, String baseUrl, Optional<String> apiKey, int contextWindow,
    double inputPrice, double outputPrice, boolean jsonMode, int rpm, int tpm, int maxInFlight) {

  public ModelSpec {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("model " + key + ": max-in-flight must be at least 1, was " + maxInFlight);
    }
    baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
  }

  /** What a call with these token counts costs. */
  public double cost(int promptTokens, int completionTokens) {
    return (promptTokens * inputPrice + completionTokens * outputPrice) / 1_000_000.0;
  }

  @Override
  public String toString() {
    return "ModelSpec[" + key + ": " + provider + " " + model + " at " + baseUrl + ", key "
        + (apiKey.isPresent() ? "set" : "none") + ", $" + inputPrice + "/$" + outputPrice + " per 1M, json-mode "
        + jsonMode + ", rpm " + rpm + ", tpm " + tpm + ", max in flight " + maxInFlight + "]";
  }
}
