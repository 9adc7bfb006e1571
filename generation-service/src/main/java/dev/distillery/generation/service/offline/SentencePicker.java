package dev.distillery.generation.service.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks a segment's most informative sentences for a purpose: those naming its key terms and the cue words
 * of the task, of a readable length, within a word budget, returned in the segment's own order.
 */
final class SentencePicker {
  private static final int MIN_WORDS = 6;
  private static final int MAX_WORDS = 80;

  private final List<String> sentences;
  private final List<String> terms;

  SentencePicker(List<String> sentences, List<String> terms) {
    this.sentences = sentences;
    this.terms = terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * @param cues words that mark a sentence as fitting the purpose
   * @param requireCue only sentences with at least one cue qualify
   * @param max how many sentences at most
   * @param budget how many words the picked sentences may have together
   * @param offset how many of the best candidates to pass over, so that a second prompt of the same kind on the
   *     same segment is answered from other sentences; ignored when it would leave nothing
   * @param exclude sentences already used elsewhere in the answer
   */
  List<String> pick(Set<String> cues, boolean requireCue, int max, int budget, int offset, List<String> exclude) {
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      String sentence = sentences.get(i);
      List<String> words = SegmentText.words(sentence);
      if (words.size() < MIN_WORDS || words.size() > MAX_WORDS || exclude.contains(sentence)) {
        continue;
      }
      long cueHits = words.stream().filter(cues::contains).distinct().count();
      if (requireCue && cueHits == 0) {
        continue;
      }
      String lower = sentence.toLowerCase(Locale.ROOT);
      double score = 0.6 * cueHits;
      for (int t = 0; t < terms.size(); t++) {
        if (lower.contains(terms.get(t))) {
          score += t == 0 ? 2.0 : 1.0;
        }
      }
      score += words.size() >= 10 && words.size() <= 45 ? 1.0 : 0.3;
      candidates.add(new Candidate(i, sentence, words.size(), score));
    }
    candidates.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::index));
    int skip = candidates.size() > max ? offset % (candidates.size() - max + 1) : 0;
    List<Candidate> chosen = new ArrayList<>();
    int used = 0;
    for (Candidate candidate : candidates.subList(skip, candidates.size())) {
      if (chosen.size() == max) {
        break;
      }
      if (used + candidate.words() <= budget) {
        chosen.add(candidate);
        used += candidate.words();
      }
    }
    return chosen.stream().sorted(Comparator.comparingInt(Candidate::index)).map(Candidate::sentence).toList();
  }

  private record Candidate(int index, String sentence, int words, double score) {}
}
