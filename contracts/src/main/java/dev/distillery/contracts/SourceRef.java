package dev.distillery.contracts;

/** Where a prompt or sample came from, carried downstream so exports can show the source chunk. */
public record SourceRef(String paperTitle, String sourceName, String segmentHeading, String segmentText) {}
