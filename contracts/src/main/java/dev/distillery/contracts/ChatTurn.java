package dev.distillery.contracts;

/** One message of a multi-turn sample. {@code role} is {@code user} or {@code assistant}. */
public record ChatTurn(String role, String content) {}
