package dev.distillery.contracts;

import java.util.List;

/**
 * One chunk of a paper: an H1 section (small ones merged), or a token-sized piece of a long one.
 *
 * @param heading the heading shown for the chunk (the innermost of {@code sectionPath})
 * @param sectionPath headings from the document root down to this chunk
 * @param charStart offset of the chunk's first character in the paper's extracted text
 * @param charEnd offset just past the chunk's last character
 * @param tokens the chunk's length in tokens (cl100k_base), 0 when the producer did not count
 */
public record Segment(
    String segmentId,
    int ordinal,
    String heading,
    String text,
    List<String> sectionPath,
    int charStart,
    int charEnd,
    int tokens) {

  public Segment {
    sectionPath = sectionPath == null ? (heading == null ? List.of() : List.of(heading)) : List.copyOf(sectionPath);
  }

  /** A segment without lineage details, as a minimal producer would publish it. */
  public Segment(String segmentId, int ordinal, String heading, String text) {
    this(segmentId, ordinal, heading, text, null, 0, text == null ? 0 : text.length(), 0);
  }
}
