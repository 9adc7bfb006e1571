package dev.distillery.generation.client;

/**
 * A model's answer and what it used.
 *
 * @param reasoning what the provider returned apart from the answer ({@code reasoning_content} or
 *     {@code reasoning}); null when none
 * @param model the model that answered, as the API reports it
 * @param promptTokens as the provider reported them, or our own count when the response carried no usage
 */
public record ChatCompletion(String text, String reasoning, String model, int promptTokens, int completionTokens) {}
