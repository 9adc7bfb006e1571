package dev.distillery.ingest.document;

import java.util.List;

/**
 * A piece of a paper's text that fits the token budget.
 *
 * @param sectionPath headings from the document root down to where the chunk's own text starts
 * @param start offset of the chunk's first character in the extracted text (the overlap included)
 * @param end offset just past its last character
 * @param tokens its length in cl100k_base tokens
 */
public record Chunk(List<String> sectionPath, int start, int end, int tokens) {

  public Chunk {
    sectionPath = List.copyOf(sectionPath);
  }
}
