package dev.distillery.quality.service;

import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.SampleStatus;
import dev.distillery.contracts.Verdict;
import dev.distillery.quality.config.QualityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rule checks (any failure rejects) and a heuristic score in [0, 1] (reported, not yet a gate): the mean of
 * length, completeness, relevance to the instruction and source, and lexical diversity.
 */
@ApplicationScoped
public class QualityRules {
  private static final Pattern ENDS_A_SENTENCE = Pattern.compile("(?s).*[.!?)`\"'\\]]\\s*$");
  private static final int SHINGLE = 8;
  private static final Set<String> STOP_WORDS =
      Set.of("the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "is", "are", "be", "this", "that",
          "it", "as", "by", "from", "at", "how", "what", "why", "which", "its", "their", "described", "explain",
          "section", "paper", "using", "use", "between", "into", "these", "those", "was", "were", "can", "does");

  @Inject QualityConfig config;

  public Assessment assess(SampleGenerated sample) {
    if (sample.status() == SampleStatus.FAILED) {
      String reason = sample.failureReason() == null ? "generation failed" : "generation failed: " + sample.failureReason();
      return new Assessment(Verdict.FAILED, 0.0, Map.of(), List.of(reason));
    }
    String instruction = trimmed(sample.instruction());
    String output = trimmed(sample.output());
    String source = sample.source() == null ? "" : trimmed(sample.source().segmentText());

    // each text is split into words once: splitting is most of the work of judging a sample
    List<String> instructionWords = words(instruction);
    List<String> outputWords = words(output);
    List<String> sourceWords = words(source);

    List<String> reasons = new ArrayList<>();
    checkLength("instruction", instruction, config.minInstructionChars(), config.maxInstructionChars(), reasons);
    checkLength("output", output, config.minOutputChars(), config.maxOutputChars(), reasons);
    if (!output.isEmpty() && outputWords.equals(instructionWords)) {
      reasons.add("output repeats the instruction");
    }
    if (!output.isEmpty() && copiesSource(outputWords, sourceWords)) {
      reasons.add("output copies the source segment");
    }
    String lower = output.toLowerCase(Locale.ROOT);
    config.refusalPhrases().stream()
        .filter(phrase -> !phrase.isBlank() && lower.contains(phrase))
        .findFirst()
        .ifPresent(phrase -> reasons.add("output is a refusal (\"" + phrase + "\")"));

    Map<String, Double> scores = scores(instructionWords, output, outputWords, sourceWords);
    double score = scores.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    score = Math.round(score * 1000) / 1000.0;
    return new Assessment(reasons.isEmpty() ? Verdict.ACCEPTED : Verdict.REJECTED, score, scores, reasons);
  }

  private static void checkLength(String field, String text, int min, int max, List<String> reasons) {
    if (text.isEmpty()) {
      reasons.add(field + " is empty");
    } else if (text.length() < min) {
      reasons.add(field + " is shorter than " + min + " characters (" + text.length() + ")");
    } else if (text.length() > max) {
      reasons.add(field + " is longer than " + max + " characters (" + text.length() + ")");
    }
  }

  /** Most of the output's 8-grams come from the source, and it spans most of the source: a copy. */
  private boolean copiesSource(List<String> outWords, List<String> sourceWords) {
    if (sourceWords.isEmpty()) {
      return false;
    }
    if (outWords.equals(sourceWords)) {
      return true;
    }
    if (outWords.size() < SHINGLE || outWords.size() < 0.8 * sourceWords.size()) {
      return false;
    }
    Set<String> sourceShingles = shingles(sourceWords);
    Set<String> outShingles = shingles(outWords);
    long shared = outShingles.stream().filter(sourceShingles::contains).count();
    return (double) shared / outShingles.size() >= config.copyOverlap();
  }

  private static Map<String, Double> scores(
      List<String> instructionWords, String output, List<String> outWords, List<String> sourceWords) {
    Map<String, Double> scores = new LinkedHashMap<>();
    int length = output.length();
    double lengthScore =
        length == 0 ? 0 : length < 200 ? length / 200.0 : length <= 4000 ? 1.0 : Math.max(0.3, 4000.0 / length);
    scores.put("length", round(lengthScore));
    scores.put("completeness", output.isEmpty() ? 0.0 : ENDS_A_SENTENCE.matcher(output).matches() ? 1.0 : 0.5);
    Set<String> keywords = new HashSet<>(instructionWords);
    keywords.removeAll(STOP_WORDS);
    keywords.removeIf(w -> w.length() < 4);
    Set<String> answerWords = new HashSet<>(outWords);
    answerWords.addAll(sourceWords);
    double relevance =
        keywords.isEmpty() ? 0.5 : (double) keywords.stream().filter(answerWords::contains).count() / keywords.size();
    scores.put("relevance", round(relevance));
    double diversity = outWords.isEmpty() ? 0 : Math.min(1.0, new HashSet<>(outWords).size() / (outWords.size() * 0.6));
    scores.put("diversity", round(diversity));
    return scores;
  }

  private static Set<String> shingles(List<String> words) {
    Set<String> shingles = new HashSet<>();
    for (int i = 0; i + SHINGLE <= words.size(); i++) {
      shingles.add(String.join(" ", words.subList(i, i + SHINGLE)));
    }
    return shingles;
  }

  /** The lower-case runs of letters and digits of a text, as the regex [\p{L}\p{N}]+ finds them, but faster. */
  private static List<String> words(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
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

  private static String trimmed(String text) {
    return text == null ? "" : text.strip();
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
