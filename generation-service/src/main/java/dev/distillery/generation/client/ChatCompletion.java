package dev.distillery.generation.client;

/**
 * A model's answer and what it cost.
 *
 * @param model the model that answered, as the API reports it
 */
public record ChatCompletion(String text, String model, int promptTokens, int completionTokens) {}
