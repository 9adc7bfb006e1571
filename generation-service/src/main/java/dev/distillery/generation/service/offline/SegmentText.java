package dev.distillery.generation.service.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A segment's Markdown read as prose: sentences with the markup stripped (citations, links, emphasis, figures,
 * headings, tables) and its fenced code blocks kept aside, verbatim. Pure and thread-safe.
 */
public final class SegmentText {
  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```+|~~~+)\\s*([\\w+#.-]*).*$");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}(\\s.*)?$");
  private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^\\s{0,3}(=+|-+)\\s*$");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+(.*)$");
  private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*]\\([^)]*\\)(\\{[^}]*})?");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");
  private static final Pattern CITATION = Pattern.compile("\\s*\\[-?@[^\\]]*]");
  private static final Pattern FOOTNOTE = Pattern.compile("\\[\\^[^\\]]*]");
  private static final Pattern HTML = Pattern.compile("<[^>]{1,200}>");
  private static final Pattern EMPHASIS = Pattern.compile("(\\*{1,3}|_{2,3})(\\S(?:.*?\\S)?)\\1");
  private static final Pattern INLINE_CODE = Pattern.compile("`+([^`]+)`+");
  private static final Pattern MATH = Pattern.compile("\\$([^$]+)\\$");
  private static final Pattern URL = Pattern.compile("https?://\\S+");
  private static final Pattern LATEX_REF = Pattern.compile("\\\\(?:auto|c|C|eq|page)?ref\\{[^}]*}");
  private static final Pattern LATEX_COMMAND = Pattern.compile("\\\\[a-zA-Z]+(?:\\{([^}]*)})?");
  private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\s*(\\(\\s*\\)|\\[\\s*])");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  /** Words whose trailing period does not end a sentence. */
  private static final Set<String> ABBREVIATIONS =
      Set.of("e.g", "i.e", "al", "fig", "figs", "eq", "eqs", "vs", "etc", "cf", "approx", "resp", "ref", "sec", "no",
          "dr", "mr", "ms", "prof", "st", "viz", "ca");

  /** A fenced code block; {@code language} is empty when the fence names none. */
  public record CodeBlock(String language, String code) {}

  private final List<String> sentences;
  private final List<CodeBlock> codeBlocks;
  private final String prose;

  private SegmentText(List<String> sentences, List<CodeBlock> codeBlocks) {
    this.sentences = List.copyOf(sentences);
    this.codeBlocks = List.copyOf(codeBlocks);
    this.prose = String.join(" ", sentences);
  }

  public static SegmentText parse(String markdown) {
    List<String> sentences = new ArrayList<>();
    List<CodeBlock> codeBlocks = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    StringBuilder code = null;
    String fence = null;
    String language = "";
    for (String line : (markdown == null ? "" : markdown).split("\n", -1)) {
      var fenceMatch = FENCE.matcher(line);
      if (fence == null && fenceMatch.matches()) {
        flush(paragraph, sentences);
        fence = fenceMatch.group(1);
        language = fenceMatch.group(2);
        code = new StringBuilder();
      } else if (fence != null) {
        if (line.strip().startsWith(fence) && line.strip().replace(fence.substring(0, 1), "").isEmpty()) {
          addCode(codeBlocks, language, code);
          fence = null;
        } else {
          code.append(line).append('\n');
        }
      } else if (line.isBlank() || HEADING.matcher(line).matches() || SETEXT_UNDERLINE.matcher(line).matches()
          || line.stripLeading().startsWith("|")) {
        flush(paragraph, sentences);
      } else {
        var item = LIST_ITEM.matcher(line);
        if (item.matches()) {
          flush(paragraph, sentences);
          paragraph.append(item.group(1));
        } else {
          paragraph.append(' ').append(line.strip());
        }
      }
    }
    if (fence != null) {
      addCode(codeBlocks, language, code);
    }
    flush(paragraph, sentences);
    return new SegmentText(sentences, codeBlocks);
  }

  /** Inline Markdown of one line of text (a heading, a title) turned into plain words. */
  public static String plain(String markdown) {
    if (markdown == null) {
      return "";
    }
    String text = markdown.strip().replaceFirst("^#{1,6}\\s+", "");
    text = IMAGE.matcher(text).replaceAll("");
    text = CITATION.matcher(text).replaceAll("");
    text = FOOTNOTE.matcher(text).replaceAll("");
    text = LINK.matcher(text).replaceAll("$1");
    text = HTML.matcher(text).replaceAll("");
    text = INLINE_CODE.matcher(text).replaceAll("$1");
    text = MATH.matcher(text).replaceAll("$1");
    text = EMPHASIS.matcher(text).replaceAll("$2");
    text = URL.matcher(text).replaceAll("");
    text = LATEX_REF.matcher(text).replaceAll("");
    text = LATEX_COMMAND.matcher(text).replaceAll(m -> m.group(1) == null ? "" : Matcher.quoteReplacement(m.group(1)));
    text = EMPTY_BRACKETS.matcher(text).replaceAll("");
    text = text.replace("\\", "");
    return SPACES.matcher(text).replaceAll(" ").strip();
  }

  public List<String> sentences() {
    return sentences;
  }

  public List<CodeBlock> codeBlocks() {
    return codeBlocks;
  }

  /** The sentences joined: the segment without markup or code. */
  public String prose() {
    return prose;
  }

  public static List<String> words(String text) {
    return WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(m -> m.group()).toList();
  }

  private static void addCode(List<CodeBlock> codeBlocks, String language, StringBuilder code) {
    String text = code.toString().stripTrailing();
    if (!text.isBlank()) {
      codeBlocks.add(new CodeBlock(language, text.replaceFirst("^(\\s*\\n)+", "")));
    }
  }

  private static void flush(StringBuilder paragraph, List<String> sentences) {
    String text = plain(paragraph.toString());
    paragraph.setLength(0);
    if (!text.isEmpty()) {
      sentences.addAll(split(text));
    }
  }

  /** Splits after . ! or ? followed by a capital, a digit or an opening quote, unless an abbreviation ends there. */
  static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length() - 2; i++) {
      char c = text.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && text.charAt(i + 1) == ' ' && startsSentence(text.charAt(i + 2))
          && !(c == '.' && endsWithAbbreviation(text, start, i))) {
        parts.add(text.substring(start, i + 1).strip());
        start = i + 2;
      }
    }
    String last = text.substring(start).strip();
    if (!last.isEmpty()) {
      parts.add(last);
    }
    return parts;
  }

  private static boolean startsSentence(char c) {
    return Character.isUpperCase(c) || Character.isDigit(c) || c == '"' || c == '\u201c' || c == '(';
  }

  private static boolean endsWithAbbreviation(String text, int start, int period) {
    int from = period;
    while (from > start && !Character.isWhitespace(text.charAt(from - 1))) {
      from--;
    }
    String token = text.substring(from, period).toLowerCase(Locale.ROOT).replaceAll("^[(\\[\"]+", "");
    return ABBREVIATIONS.contains(token) || (token.length() == 1 && Character.isLetter(token.charAt(0)));
  }
}
