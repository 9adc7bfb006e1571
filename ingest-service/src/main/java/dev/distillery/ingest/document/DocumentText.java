package dev.distillery.ingest.document;

import java.util.List;

/**
 * A document's extracted text and where its structure lies in it. Every offset indexes {@link #text()}, so a piece
 * of the structure can always be cut from the text verbatim.
 *
 * @param text the extracted text: normalised Markdown source (LF line ends, no BOM) or the Markdown-like rendering of
 *     what Tika found (headings as {@code #} lines, tables as pipe rows, preformatted text fenced)
 * @param headings in document order
 * @param blocks paragraphs, headings, code, tables, list items… in document order, never overlapping
 */
public record DocumentText(String text, List<Heading> headings, List<Block> blocks) {

  public DocumentText {
    headings = List.copyOf(headings);
    blocks = List.copyOf(blocks);
  }

  /**
   * A heading.
   *
   * @param title its plain text (markup removed)
   * @param start offset of the heading's first character (its {@code #} marks included)
   * @param end offset just past the heading
   * @param contentStart offset of the heading's own words, verbatim (after the {@code #} marks)
   * @param contentEnd offset just past them
   */
  public record Heading(int level, String title, int start, int end, int contentStart, int contentEnd) {}

  /** A unit the chunker keeps whole when it can. */
  public record Block(Kind kind, int start, int end) {

    /** What a block holds decides where it may be cut when it is too long for one chunk. */
    public enum Kind {
      PARAGRAPH,
      HEADING,
      CODE,
      TABLE,
      MATH,
      LIST_ITEM,
      OTHER;

      /** Code, tables and math are cut between lines, never inside a sentence-like run. */
      public boolean lineOriented() {
        return this == CODE || this == TABLE || this == MATH;
      }
    }
  }
}
