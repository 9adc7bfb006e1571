package dev.distillery.contracts;

/** One file of an exported dataset. {@code split} is {@code train}, {@code validation} or {@code test}. */
public record ExportedFile(String name, ExportFormat format, String split, int examples, String sha256) {}
