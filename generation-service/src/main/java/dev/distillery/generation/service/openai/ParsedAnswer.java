package dev.distillery.generation.service.openai;

/** The three fields of a sample as the model wrote them; {@code input} is empty when the model gave none. */
public record ParsedAnswer(String instruction, String input, String output) {}
