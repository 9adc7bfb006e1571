package dev.distillery.ingest.document;

import java.util.ArrayList;
import java.util.List;

/** Where text may be cut: between lines, sentences or words; every piece trimmed of surrounding whitespace. */
final class Boundaries {

  private Boundaries() {}

  static List<int[]> lines(String text, int start, int end) {
    List<int[]> pieces = new ArrayList<>();
    int s = start;
    while (s < end) {
      int nl = text.indexOf('\n', s);
      int e = nl < 0 || nl > end ? end : nl;
      add(text, s, e, pieces);
      s = e + 1;
    }
    return pieces;
  }

  /**
   * Sentence ends: {@code . ! ?} (and their CJK forms), closing quotes or brackets after them, then whitespace; and
   * line breaks. Never inside inline code ({@code `…`}) or math ({@code $…$}), where a full stop is not an end.
   */
  static List<int[]> sentences(String text, int start, int end) {
    List<int[]> pieces = new ArrayList<>();
    boolean code = false;
    boolean math = false;
    int s = start;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '`') {
        code = !code;
      } else if (c == '$' && !code) {
        math = !math;
      }
      if (code || math) {
        if (c == '\n' && i + 1 < end && text.charAt(i + 1) == '\n') {
          code = false;
          math = false;
        }
        continue;
      }
      boolean cut = false;
      int after = i + 1;
      if (c == '.' || c == '!' || c == '?') {
        while (after < end && "\"'”’)]".indexOf(text.charAt(after)) >= 0) {
          after++;
        }
        cut = after < end && Character.isWhitespace(text.charAt(after));
      } else if (c == '。' || c == '！' || c == '？' || c == '\n') {
        cut = true;
      }
      if (cut) {
        add(text, s, after, pieces);
        s = after;
        i = after - 1;
      }
    }
    add(text, s, end, pieces);
    return pieces;
  }

  static List<int[]> words(String text, int start, int end) {
    List<int[]> pieces = new ArrayList<>();
    int s = start;
    for (int i = start; i < end; i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        add(text, s, i, pieces);
        s = i + 1;
      }
    }
    add(text, s, end, pieces);
    return pieces;
  }

  private static void add(String text, int start, int end, List<int[]> pieces) {
    int[] trimmed = trim(text, start, end);
    if (trimmed[1] > trimmed[0]) {
      pieces.add(trimmed);
    }
  }

  /** {@code [start, end)} without the whitespace at either end. */
  static int[] trim(String text, int start, int end) {
    int s = start;
    int e = end;
    while (s < e && Character.isWhitespace(text.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    return new int[] {s, e};
  }
}
