package dev.distillery.ingest.service;

/**
 * What happened to one posted paper.
 *
 * @param segments how many segments the paper was cut into
 * @param duplicate true when the run already had this content: nothing was stored or published again
 */
public record IngestedPaper(String paperId, String sourceName, String title, int segments, boolean duplicate) {}
