package dev.distillery.contracts;

/**
 * How a sample was produced.
 *
 * @param generator {@code offline-template} or {@code openai-chat}
 * @param model model name, or the template set's name for the offline generator
 * @param offline true when no LLM was called
 */
public record GenerationInfo(
    String generator, String model, boolean offline, int promptTokens, int completionTokens, long latencyMs) {}
