package dev.distillery.contracts;

/** One section of a paper, split at H1 headings; lineage id {@code segmentId}. */
public record Segment(String segmentId, int ordinal, String heading, String text) {}
