package dev.distillery.ingest.service;

import java.util.List;

/**
 * What the parser found in a paper.
 *
 * @param title never blank
 * @param abstractText the abstract or summary, or null when the paper has none
 * @param segments in document order; empty when the paper has no text
 */
public record ParsedPaper(String title, String abstractText, List<Section> segments) {

  public ParsedPaper {
    segments = List.copyOf(segments);
  }

  /**
   * One segment: an H1 section (with its H2/H3 sub-sections), or several merged because they were short.
   *
   * @param heading the H1 text it starts with (the first one when merged); null for text before any H1
   * @param text the Markdown, verbatim, heading lines and code fences included
   */
  public record Section(String heading, String text) {}
}
