package dev.distillery.quality.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guesses a text's language from its function words. Cheap (one set lookup per word) where a statistical
 * detector costs milliseconds, and it abstains instead of guessing when a text has too few of them — so short
 * instructions, formulas and code never count as "wrong language".
 */
public final class LanguageGuess {
  private static final Map<String, Set<String>> FUNCTION_WORDS =
      Map.of(
          "en", Set.of("the", "and", "is", "of", "to", "that", "it", "for", "with", "are", "this", "be", "by", "on",
              "which", "from", "not", "can", "we", "they", "its", "was", "were", "has", "have", "how", "what", "why",
              "when", "each", "into", "than", "these", "their", "would", "does"),
          "de", Set.of("der", "die", "das", "und", "ist", "nicht", "mit", "eine", "ein", "einer", "auf", "für",
              "den", "dem", "des", "von", "zu", "sich", "werden", "wird", "auch", "als", "bei", "oder", "dass",
              "durch", "im", "wie", "sind", "diese", "kann", "wenn", "nach", "über", "zur", "zum", "einen", "wurde"),
          "fr", Set.of("le", "les", "des", "et", "est", "du", "qui", "dans", "pour", "pas", "sur", "au", "avec", "ce",
              "sont", "par", "une", "aux", "cette", "être", "mais", "nous", "ils", "leur"),
          "es", Set.of("el", "los", "las", "y", "es", "del", "por", "con", "para", "se", "como", "su", "al", "una",
              "pero", "sus", "esta", "este", "son", "entre", "también", "cuando"));

  /** Enough words to tell the languages apart; more would only cost time. */
  private static final int WORDS_LOOKED_AT = 200;
  private static final List<String> LANGUAGES = List.copyOf(FUNCTION_WORDS.keySet());
  /** Per function word, a bit per language (index in {@link #LANGUAGES}) it belongs to: one lookup per word. */
  private static final Map<String, Integer> LANGUAGE_BITS = new HashMap<>();

  static {
    for (int l = 0; l < LANGUAGES.size(); l++) {
      for (String word : FUNCTION_WORDS.get(LANGUAGES.get(l))) {
        LANGUAGE_BITS.merge(word, 1 << l, (a, b) -> a | b);
      }
    }
  }

  private LanguageGuess() {}

  /** An ISO 639-1 code, or null when the text has fewer than {@code minHits} function words or is mixed. */
  public static String of(List<String> words, int minHits) {
    int[] hits = new int[LANGUAGES.size()];
    for (int i = 0; i < Math.min(words.size(), WORDS_LOOKED_AT); i++) {
      Integer bits = LANGUAGE_BITS.get(words.get(i));
      if (bits != null) {
        for (int l = 0; l < hits.length; l++) {
          hits[l] += (bits >> l) & 1;
        }
      }
    }
    int best = -1;
    int bestHits = 0;
    int secondHits = 0;
    for (int l = 0; l < hits.length; l++) {
      if (hits[l] > bestHits) {
        secondHits = bestHits;
        bestHits = hits[l];
        best = l;
      } else if (hits[l] > secondHits) {
        secondHits = hits[l];
      }
    }
    return bestHits >= minHits && bestHits >= 2 * secondHits ? LANGUAGES.get(best) : null;
  }
}
