package dev.distillery.quality.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Word-level views of a text shared by the rules, the score, grounding and dedup. */
public final class Text {
  /** Function words of the languages we guess, left out of keyword and grounding overlaps. */
  static final Set<String> STOP_WORDS =
      Set.of("the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "is", "are", "be", "this", "that",
          "it", "as", "by", "from", "at", "how", "what", "why", "which", "its", "their", "described", "explain",
          "section", "paper", "using", "use", "between", "into", "these", "those", "was", "were", "can", "does",
          "also", "than", "then", "they", "them", "there", "when", "where", "while", "each", "such", "more", "most",
          "other", "some", "only", "both", "about", "over", "under", "will", "would", "could", "should", "have", "has",
          "der", "die", "das", "und", "ist", "nicht", "mit", "eine", "ein", "einer", "eines", "auf", "für", "den",
          "dem", "des", "von", "zu", "sich", "werden", "wird", "auch", "als", "bei", "oder", "dass", "durch", "im",
          "wie", "warum", "welche", "welcher", "sind", "diese", "dieser", "dieses", "erkläre", "erklären",
          "abschnitt", "zwischen", "kann", "können", "wenn", "noch", "nach", "über", "unter", "aus", "beim", "zur",
          "zum", "einen", "einem", "sein", "seine", "ihre", "ihr", "wurde", "wurden", "hat", "haben");

  private static final int STEM = 5;
  private static final long ROLLING_BASE = 0x100000001B3L;

  private Text() {}

  /** The lower-case runs of letters and digits of a text, as the regex [\p{L}\p{N}]+ finds them, but faster. */
  public static List<String> words(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>(lower.length() / 5 + 1);
    int start = -1;
    for (int i = 0; i < lower.length(); ) {
      int codePoint = lower.codePointAt(i);
      if (isWordCharacter(codePoint)) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        words.add(lower.substring(start, i));
        start = -1;
      }
      i += Character.charCount(codePoint);
    }
    if (start >= 0) {
      words.add(lower.substring(start));
    }
    return words;
  }

  /**
   * Hashes of the stems of the words that carry meaning (no function words, at least four characters). A stem is a word's first {@value #STEM} characters: crude, but it matches "weighted" with "weight"
   * and "compatible" with "compatibility" in every language.
   */
  static LongSet contentStems(List<String> words) {
    LongSet stems = new LongSet(words.size());
    for (String w : words) {
      if (w.length() >= 4 && !STOP_WORDS.contains(w)) {
        stems.add(stemHash(w));
      }
    }
    return stems;
  }

  /** Hashes of pairs of consecutive word stems. */
  static LongSet stemBigrams(List<String> words) {
    LongSet bigrams = new LongSet(words.size());
    if (words.size() < 2) {
      return bigrams;
    }
    long previous = stemHash(words.get(0));
    for (int i = 1; i < words.size(); i++) {
      long current = stemHash(words.get(i));
      bigrams.add(mix(previous * 31 + current));
      previous = current;
    }
    return bigrams;
  }

  /** Hashes of the runs of {@code n} consecutive words, in text order (one per start position). */
  static long[] ngrams(List<String> words, int n) {
    if (words.size() < n) {
      return new long[0];
    }
    long[] wordHashes = new long[words.size()];
    for (int i = 0; i < wordHashes.length; i++) {
      wordHashes[i] = mix(words.get(i).hashCode());
    }
    // a rolling polynomial hash: one multiply-add per word instead of n, then a mix to spread the bits
    long power = 1;
    for (int k = 1; k < n; k++) {
      power *= ROLLING_BASE;
    }
    long[] ngrams = new long[words.size() - n + 1];
    long h = 0;
    for (int k = 0; k < n; k++) {
      h = h * ROLLING_BASE + wordHashes[k];
    }
    ngrams[0] = mix(h);
    for (int i = 1; i < ngrams.length; i++) {
      h = (h - wordHashes[i - 1] * power) * ROLLING_BASE + wordHashes[i + n - 1];
      ngrams[i] = mix(h);
    }
    return ngrams;
  }

  private static long stemHash(String word) {
    int h = 0;
    for (int i = 0; i < Math.min(STEM, word.length()); i++) {
      h = 31 * h + word.charAt(i);
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The text with fenced code blocks and inline code removed: what prose checks should look at. */
  static String prose(String text) {
    if (text.indexOf('`') < 0) {
      return text;
    }
    StringBuilder prose = new StringBuilder(text.length());
    boolean inFence = false;
    for (String line : text.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (!inFence) {
        prose.append(line.replaceAll("`[^`\n]*`", " ")).append('\n');
      }
    }
    return prose.toString();
  }

  /** The contents of fenced code blocks (an unclosed block runs to the end of the text). */
  static String code(String text) {
    StringBuilder code = new StringBuilder();
    boolean inFence = false;
    for (String line : text.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        code.append(line).append('\n');
      }
    }
    return code.toString();
  }

  static int fenceCount(String text) {
    int count = 0;
    for (int i = text.indexOf("```"); i >= 0; i = text.indexOf("```", i + 3)) {
      count++;
    }
    return count;
  }

  static String strip(String text) {
    return text == null ? "" : text.strip();
  }

  private static boolean isWordCharacter(int codePoint) {
    if (codePoint < 0x80) {
      return (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z')
          || (codePoint >= '0' && codePoint <= '9');
    }
    return switch (Character.getType(codePoint)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER,
          Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }
}
