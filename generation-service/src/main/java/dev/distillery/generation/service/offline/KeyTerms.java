package dev.distillery.generation.service.offline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The terms a segment is about: its most frequent content words and repeated two-word phrases, weighted up
 * when the heading or the paper's title uses them. Ties break alphabetically, so the result is deterministic.
 */
public final class KeyTerms {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}][\\p{L}\\p{N}'’-]*[\\p{L}\\p{N}]|[\\p{L}]");
  private static final Set<String> STOP_WORDS =
      Set.copyOf(Arrays.asList("the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "is", "are", "be", "been", "being",
          "this", "that", "these", "those", "it", "its", "as", "by", "from", "at", "how", "what", "why", "which", "who",
          "whom", "their", "there", "they", "them", "we", "our", "us", "you", "your", "can", "could", "may", "might",
          "will", "would", "should", "shall", "must", "does", "do", "did", "done", "has", "have", "had", "having",
          "not", "no", "nor", "but", "if", "then", "than", "so", "such", "also", "into", "onto", "over", "under",
          "about", "after", "before", "between", "through", "during", "each", "every", "all", "any", "both", "either",
          "neither", "more", "most", "less", "least", "many", "much", "some", "other", "others", "another", "same",
          "very", "only", "just", "even", "well", "while", "where", "when", "was", "were", "here", "one", "two",
          "three", "first", "second", "new", "use", "used", "uses", "using", "based", "via", "per", "however", "thus",
          "therefore", "further", "furthermore", "moreover", "example", "examples", "e.g", "i.e", "etc", "et", "al",
          "paper", "section", "figure", "table", "within", "without", "across", "along", "among", "upon", "whether",
          "often", "since", "because", "although", "though", "make", "makes", "made", "provide", "provides",
          "provided", "allow", "allows", "include", "includes", "including", "different", "several", "various",
          "like", "currently", "way", "ways", "able", "given", "see", "shown", "show", "shows", "number", "set",
          "sets", "case", "cases", "part", "work", "works", "need", "needs", "get", "gets", "code", "data", "result", "results", "approach",
          "approaches", "information", "user", "users", "value", "values", "time", "times", "following", "described", "describe", "describes", "indicated",
          "below", "above"));

  private KeyTerms() {}

  /**
   * @param text the segment's prose
   * @param context heading and title; terms found there count double
   * @param limit how many terms at most
   */
  public static List<String> of(String text, String context, int limit) {
    List<String> tokens = TOKEN.matcher(text).results().map(m -> m.group()).toList();
    String contextLower = context == null ? "" : context.toLowerCase(Locale.ROOT);
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Map<String, Integer>> surfaces = new HashMap<>();
    String previous = null;
    for (String token : tokens) {
      String key = token.toLowerCase(Locale.ROOT);
      if (!isContentWord(token, key)) {
        previous = null;
        continue;
      }
      count(key, token, counts, surfaces);
      if (previous != null) {
        String phrase = previous + " " + token;
        count(phrase.toLowerCase(Locale.ROOT), phrase, counts, surfaces);
      }
      previous = token;
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    counts.forEach(
        (key, n) -> {
          boolean phrase = key.indexOf(' ') > 0;
          if (phrase && n < 2) {
            return;
          }
          double score = n * (phrase ? 1.6 : 1.0) * (contextLower.contains(key) ? 2.0 : 1.0);
          scores.put(key, score);
        });
    List<String> ranked =
        scores.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
            .map(Map.Entry::getKey)
            .toList();
    List<String> terms = new ArrayList<>();
    for (String key : ranked) {
      if (terms.size() == limit) {
        break;
      }
      String surface = mostCommon(surfaces.get(key));
      Set<String> stems = stems(key);
      if (terms.stream().noneMatch(t -> overlaps(stems(t.toLowerCase(Locale.ROOT)), stems))) {
        terms.add(surface);
      }
    }
    return terms;
  }

  /** Words of a term without a plural s, so that "metric", "metrics" and "stateful metrics" count as one topic. */
  private static Set<String> stems(String term) {
    Set<String> stems = new HashSet<>();
    for (String word : term.split(" ")) {
      stems.add(word.length() > 4 && word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word);
    }
    return stems;
  }

  private static boolean overlaps(Set<String> a, Set<String> b) {
    return a.stream().anyMatch(b::contains);
  }

  private static boolean isContentWord(String token, String key) {
    if (STOP_WORDS.contains(key)) {
      return false;
    }
    boolean acronym = token.length() >= 2 && token.chars().filter(Character::isUpperCase).count() >= 2;
    return acronym || key.length() >= 4;
  }

  private static void count(
      String key, String surface, Map<String, Integer> counts, Map<String, Map<String, Integer>> surfaces) {
    counts.merge(key, 1, Integer::sum);
    surfaces.computeIfAbsent(key, k -> new HashMap<>()).merge(surface, 1, Integer::sum);
  }

  /** The spelling used most often; lower case wins a tie so that a sentence-initial capital does not stick. */
  private static String mostCommon(Map<String, Integer> spellings) {
    return spellings.entrySet().stream()
        .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
            .thenComparing(e -> e.getKey().equals(e.getKey().toLowerCase(Locale.ROOT)))
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .orElseThrow()
        .getKey();
  }
}
