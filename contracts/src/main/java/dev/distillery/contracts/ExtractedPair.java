package dev.distillery.contracts;

import java.util.List;

/**
 * A question and its answer found verbatim in a document ({@code Q:}/{@code A:}, {@code User:}/{@code Assistant:},
 * bold or heading Question/Answer blocks, FAQ sections). Becomes a sample with origin {@code EXTRACTED}.
 *
 * @param style which pattern found it, e.g. {@code q-a}, {@code user-assistant}, {@code faq}
 * @param sectionPath headings from the document root down to the pair
 * @param charStart offset of the question's first character in the paper's extracted text
 * @param charEnd offset just past the answer's last character
 */
public record ExtractedPair(
    String question, String answer, String style, List<String> sectionPath, int charStart, int charEnd) {

  public ExtractedPair {
    sectionPath = sectionPath == null ? List.of() : List.copyOf(sectionPath);
  }
}
