package dev.distillery.ingest.document;

import dev.distillery.contracts.ExtractedPair;
import dev.distillery.ingest.document.DocumentText.Block;
import dev.distillery.ingest.document.DocumentText.Heading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the questions and answers a document already holds, verbatim: every pair's question and answer are cut from
 * the extracted text at the offsets it carries. Styles:
 *
 * <ul>
 *   <li>{@code q-a}, {@code question-answer}, {@code user-assistant}: lines starting {@code Q:}/{@code A:},
 *       {@code Question:}/{@code Answer:}, {@code User:} (or {@code Human:})/{@code Assistant:} (or {@code AI:}),
 *       plain or bold ({@code **Question**:}, {@code **Q:**}). An answer runs to the next marker line when one follows
 *       before the next heading; the last answer of a run is its first paragraph, so the prose after a Q&amp;A list
 *       is not taken for an answer.
 *   <li>{@code heading}: a {@code Question} heading followed by an {@code Answer} heading of the same level; the
 *       question is the heading's words after "Question:" or, when there are none, the text under it.
 *   <li>{@code faq}: under a heading naming FAQ or Frequently Asked Questions, each sub-heading ending in {@code ?}
 *       with the text under it, and each one-line paragraph ending in {@code ?} with the paragraphs after it.
 * </ul>
 *
 * Code, tables and math are never searched. Overlapping finds keep the earliest.
 */
final class QaMiner {
  private static final Pattern MARKER = Pattern.compile(
      "^(?:[-*+]\\s+|>\\s?)?(\\*\\*|__)?(Q|QUESTION|Question|A|ANSWER|Answer|User|USER|Human|Assistant|ASSISTANT|AI)"
          + "(?:\\s*\\d{1,4})?\\s*(?::\\s*(\\*\\*|__)?|(\\*\\*|__)\\s*:)[ \\t]*");
  private static final Pattern QUESTION_HEADING =
      Pattern.compile("^(?i:question|q)(?:\\s*\\d{1,4})?\\s*(?:[:.)\\-–—]\\s*|$)(.*)$");
  private static final Pattern ANSWER_HEADING = Pattern.compile("^(?i:answer|a)(?:\\s*\\d{1,4})?\\s*[:.)\\-–—]?\\s*$");
  private static final Pattern FAQ = Pattern.compile("(?i)\\bFAQs?\\b|frequently\\s+asked\\s+questions");

  private QaMiner() {}

  private record Line(int start, int end, boolean searchable, boolean blank, boolean heading) {}

  private record Marker(int line, boolean question, String family, int contentStart) {}

  static List<ExtractedPair> mine(DocumentText document, IntFunction<List<String>> sectionPath) {
    String text = document.text();
    List<ExtractedPair> found = new ArrayList<>();
    markers(document, text, sectionPath, found);
    headingPairs(document, text, sectionPath, found);
    faq(document, text, sectionPath, found);
    found.sort(Comparator.comparingInt(ExtractedPair::charStart));
    List<ExtractedPair> kept = new ArrayList<>();
    int end = -1;
    for (ExtractedPair pair : found) {
      if (pair.charStart() >= end) {
        kept.add(pair);
        end = pair.charEnd();
      }
    }
    return kept;
  }

  private static void markers(
      DocumentText document, String text, IntFunction<List<String>> sectionPath, List<ExtractedPair> found) {
    List<Line> lines = lines(document, text);
    List<Marker> markers = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (!line.searchable()) {
        continue;
      }
      Matcher m = MARKER.matcher(text).region(line.start(), line.end());
      if (!m.lookingAt()) {
        continue;
      }
      boolean openBold = m.group(1) != null;
      boolean closedInMarker = m.group(3) != null || m.group(4) != null;
      if (openBold != closedInMarker) {
        continue;
      }
      String word = m.group(2).toLowerCase(Locale.ROOT);
      String family = switch (word) {
        case "q", "a" -> "q-a";
        case "question", "answer" -> "question-answer";
        default -> "user-assistant";
      };
      boolean question = word.equals("q") || word.equals("question") || word.equals("user") || word.equals("human");
      markers.add(new Marker(i, question, family, m.end()));
    }
    for (int k = 0; k + 1 < markers.size(); k++) {
      Marker q = markers.get(k);
      Marker a = markers.get(k + 1);
      if (!q.question() || a.question() || !q.family().equals(a.family()) || headingBetween(lines, q.line(), a.line())) {
        continue;
      }
      int[] question = trim(text, q.contentStart(), lines.get(a.line()).start());
      Marker next = k + 2 < markers.size() ? markers.get(k + 2) : null;
      int limit = lines.get(a.line()).end();
      int stop = a.line() + 1;
      boolean toNextMarker = next != null && !headingBetween(lines, a.line(), next.line());
      for (; stop < lines.size() && (!toNextMarker || stop < next.line()); stop++) {
        Line line = lines.get(stop);
        if (line.heading() || (!toNextMarker && line.blank())) {
          break;
        }
        if (!line.blank()) {
          limit = line.end();
        }
      }
      int[] answer = trim(text, a.contentStart(), limit);
      add(text, question, answer, q.family(), sectionPath, found);
    }
  }

  private static boolean headingBetween(List<Line> lines, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (lines.get(i).heading()) {
        return true;
      }
    }
    return false;
  }

  private static void headingPairs(
      DocumentText document, String text, IntFunction<List<String>> sectionPath, List<ExtractedPair> found) {
    List<Heading> headings = document.headings();
    for (int i = 0; i + 1 < headings.size(); i++) {
      Heading q = headings.get(i);
      Heading a = headings.get(i + 1);
      String qContent = text.substring(q.contentStart(), q.contentEnd());
      Matcher qm = QUESTION_HEADING.matcher(qContent);
      if (a.level() != q.level() || !qm.matches()
          || !ANSWER_HEADING.matcher(text.substring(a.contentStart(), a.contentEnd())).matches()) {
        continue;
      }
      int[] question = qm.group(1).isBlank()
          ? trim(text, q.end(), a.start())
          : trim(text, q.contentStart() + qm.start(1), q.contentEnd());
      int answerEnd = i + 2 < headings.size() ? headings.get(i + 2).start() : text.length();
      add(text, question, trim(text, a.end(), answerEnd), "heading", sectionPath, found);
    }
  }

  private static void faq(
      DocumentText document, String text, IntFunction<List<String>> sectionPath, List<ExtractedPair> found) {
    List<Heading> headings = document.headings();
    for (int i = 0; i < headings.size(); i++) {
      Heading faq = headings.get(i);
      if (!FAQ.matcher(faq.title()).find()) {
        continue;
      }
      int sectionEnd = text.length();
      int j = i + 1;
      for (; j < headings.size() && headings.get(j).level() > faq.level(); j++) {
        Heading sub = headings.get(j);
        int[] question = unbold(text, sub.contentStart(), sub.contentEnd());
        if (text.charAt(question[1] - 1) == '?') {
          int answerEnd = j + 1 < headings.size() ? headings.get(j + 1).start() : text.length();
          add(text, question, trim(text, sub.end(), answerEnd), "faq", sectionPath, found);
        }
      }
      if (j < headings.size()) {
        sectionEnd = headings.get(j).start();
      }
      questionParagraphs(document, text, faq.end(), sectionEnd, sectionPath, found);
    }
  }

  /** Inside a FAQ section: a one-line paragraph ending in "?" and the paragraphs after it, up to the next one. */
  private static void questionParagraphs(
      DocumentText document, String text, int from, int to, IntFunction<List<String>> sectionPath,
      List<ExtractedPair> found) {
    List<Block> blocks = document.blocks().stream().filter(b -> b.start() >= from && b.end() <= to).toList();
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      if (!isQuestionParagraph(text, block)) {
        continue;
      }
      int answerEnd = -1;
      int k = i + 1;
      for (; k < blocks.size() && !isQuestionParagraph(text, blocks.get(k))
          && blocks.get(k).kind() != Block.Kind.HEADING; k++) {
        answerEnd = blocks.get(k).end();
      }
      if (answerEnd > 0) {
        add(text, unbold(text, block.start(), block.end()), new int[] {blocks.get(i + 1).start(), answerEnd}, "faq",
            sectionPath, found);
      }
      i = k - 1;
    }
  }

  private static boolean isQuestionParagraph(String text, Block block) {
    int newline = text.indexOf('\n', block.start());
    if (block.kind() != Block.Kind.PARAGRAPH || (newline >= 0 && newline < block.end())) {
      return false;
    }
    int[] words = unbold(text, block.start(), block.end());
    return words[1] > words[0] && text.charAt(words[1] - 1) == '?';
  }

  /** The span without surrounding {@code **}/{@code __} emphasis. */
  private static int[] unbold(String text, int start, int end) {
    int s = start;
    int e = end;
    while (e - s >= 4 && (text.startsWith("**", s) && text.startsWith("**", e - 2)
        || text.startsWith("__", s) && text.startsWith("__", e - 2))) {
      s += 2;
      e -= 2;
    }
    return trim(text, s, e);
  }

  private static void add(String text, int[] question, int[] answer, String style,
      IntFunction<List<String>> sectionPath, List<ExtractedPair> found) {
    int[] q = question;
    // a bold question line closes its emphasis after the words: "**Q: What is it?**"
    if (q[1] - q[0] > 2 && (text.startsWith("**", q[1] - 2) || text.startsWith("__", q[1] - 2))) {
      q = trim(text, q[0], q[1] - 2);
    }
    if (q[1] <= q[0] || answer[1] <= answer[0]) {
      return;
    }
    found.add(new ExtractedPair(text.substring(q[0], q[1]), text.substring(answer[0], answer[1]), style,
        sectionPath.apply(q[0]), q[0], answer[1]));
  }

  private static int[] trim(String text, int start, int end) {
    int s = Math.max(0, start);
    int e = Math.min(text.length(), end);
    while (s < e && Character.isWhitespace(text.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    return new int[] {s, e};
  }

  /** The text's lines, each marked searchable unless it lies in code, a table or math. */
  private static List<Line> lines(DocumentText document, String text) {
    List<Line> lines = new ArrayList<>();
    List<Block> blocks = document.blocks();
    int b = 0;
    int s = 0;
    while (s <= text.length()) {
      int nl = text.indexOf('\n', s);
      int e = nl < 0 ? text.length() : nl;
      while (b < blocks.size() && blocks.get(b).end() <= s) {
        b++;
      }
      Block block = b < blocks.size() && blocks.get(b).start() <= s + Math.max(0, e - s) && blocks.get(b).end() > s
          ? blocks.get(b) : null;
      boolean excluded = block != null && block.kind().lineOriented();
      boolean heading = block != null && block.kind() == Block.Kind.HEADING;
      boolean blank = text.substring(s, e).isBlank();
      lines.add(new Line(s, e, !excluded && !heading && !blank, blank, heading));
      if (nl < 0) {
        break;
      }
      s = nl + 1;
    }
    return lines;
  }
}
