package dev.distillery.ingest.document;

import dev.distillery.ingest.document.DocumentText.Block;
import dev.distillery.ingest.document.DocumentText.Block.Kind;
import java.util.ArrayList;
import java.util.List;

/** Plain text has no headings: its paragraphs (runs of non-blank lines) are its blocks. */
final class PlainTextReader {

  private PlainTextReader() {}

  /** @param text normalised: LF line ends */
  static Extracted read(String text) {
    return new Extracted(new DocumentText(text, List.of(), paragraphs(text, 0, text.length())), null, List.of());
  }

  static List<Block> paragraphs(String text, int from, int to) {
    List<Block> blocks = new ArrayList<>();
    int start = -1;
    int lastNonBlank = -1;
    int lineStart = from;
    while (lineStart < to) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > to) {
        lineEnd = to;
      }
      if (isBlank(text, lineStart, lineEnd)) {
        if (start >= 0) {
          blocks.add(new Block(Kind.PARAGRAPH, start, lastNonBlank));
          start = -1;
        }
      } else {
        if (start < 0) {
          start = firstNonBlank(text, lineStart, lineEnd);
        }
        lastNonBlank = lastNonBlank(text, lineStart, lineEnd);
      }
      lineStart = lineEnd + 1;
    }
    if (start >= 0) {
      blocks.add(new Block(Kind.PARAGRAPH, start, lastNonBlank));
    }
    return blocks;
  }

  private static boolean isBlank(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int firstNonBlank(String text, int start, int end) {
    int i = start;
    while (i < end && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int lastNonBlank(String text, int start, int end) {
    int i = end;
    while (i > start && Character.isWhitespace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }
}
