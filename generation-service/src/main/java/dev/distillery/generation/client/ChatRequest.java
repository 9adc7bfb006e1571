package dev.distillery.generation.client;

/**
 * One chat completion to ask for: a system and a user message, no memory.
 *
 * @param estimatedPromptTokens the messages' length in tokens as counted before sending, for the token budget
 */
public record ChatRequest(
    String system, String user, double temperature, int maxTokens, boolean jsonMode, int estimatedPromptTokens) {}
