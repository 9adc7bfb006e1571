package dev.distillery.contracts;

/**
 * How a sample was produced.
 *
 * @param generator {@code offline-template}, {@code openai-chat} or {@code extracted}
 * @param model model name, or the template set's name for the offline generator
 * @param offline true when no LLM was called
 * @param costUsd what the call cost, from the model table's prices (0 when offline or unknown)
 */
public record GenerationInfo(
    String generator,
    String model,
    boolean offline,
    int promptTokens,
    int completionTokens,
    long latencyMs,
    double costUsd) {

  public GenerationInfo(
      String generator, String model, boolean offline, int promptTokens, int completionTokens, long latencyMs) {
    this(generator, model, offline, promptTokens, completionTokens, latencyMs, 0);
  }

  /** For a pair mined from the document: no model, no tokens, no cost. */
  public static GenerationInfo extracted(String style) {
    return new GenerationInfo("extracted", style, true, 0, 0, 0, 0);
  }
}
