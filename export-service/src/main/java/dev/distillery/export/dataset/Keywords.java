package dev.distillery.export.dataset;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Topic keywords of a sample for the CSV sidecar: its most frequent words of four letters or more, common English
 * function words left out. Deterministic (ties broken alphabetically) and cheap, so it can run on every sample.
 */
public final class Keywords {
  private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{Nd}_-]{3,}");
  private static final Set<String> STOP =
      Set.of("this", "that", "with", "from", "have", "what", "which", "when", "where", "there", "their", "they",
          "them", "then", "than", "these", "those", "into", "each", "also", "such", "were", "been", "being", "about",
          "does", "more", "most", "some", "only", "over", "other", "would", "could", "should", "will", "your",
          "explain", "answer", "question", "describe", "following", "using", "used", "between", "because", "how",
          "while", "both", "very", "much", "many", "like", "just", "here", "after", "before", "under");

  private Keywords() {}

  public static List<String> of(String text, int limit) {
    Map<String, Integer> counts = new HashMap<>();
    Matcher words = WORD.matcher(text == null ? "" : text);
    while (words.find()) {
      String word = words.group().toLowerCase(Locale.ROOT);
      if (!STOP.contains(word)) {
        counts.merge(word, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .map(Map.Entry::getKey)
        .toList();
  }
}
