package dev.distillery.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.TaskType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of rejection on a labelled set (src/test/resources/labelled-samples.jsonl): good samples and
 * samples with each kind of defect, in English and German, each labelled with the reason codes it deserves.
 */
class LabelledSetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SampleRules rules = new SampleRules(RuleSettings.defaults());

  record Labelled(String id, Candidate candidate, Set<String> expected, String note) {}

  @Test
  void rejectionPrecisionAndRecallAreAtLeast95PercentOverall() throws IOException {
    List<Labelled> set = load();
    assertThat(set).hasSizeGreaterThanOrEqualTo(150);

    int truePositive = 0;
    int falsePositive = 0;
    int falseNegative = 0;
    Set<String> codes = new TreeSet<>();
    List<String> misjudged = new ArrayList<>();
    List<Set<String>> predictions = new ArrayList<>();
    for (Labelled sample : set) {
      Assessment a = rules.assess(sample.candidate());
      Set<String> predicted = new HashSet<>(a.reasons().stream().map(Reason::codeOf).toList());
      predictions.add(predicted);
      codes.addAll(predicted);
      codes.addAll(sample.expected());
      boolean shouldReject = !sample.expected().isEmpty();
      if (!a.accepted() && shouldReject) {
        truePositive++;
      } else if (!a.accepted()) {
        falsePositive++;
      } else if (shouldReject) {
        falseNegative++;
      }
      if (!predicted.equals(sample.expected())) {
        misjudged.add(sample.id() + " (" + sample.note() + "): expected " + sample.expected() + ", got " + a.reasons());
      }
    }

    StringBuilder report = new StringBuilder("\nRejection on " + set.size() + " labelled samples\n");
    report.append(String.format(Locale.ROOT, "%-22s %9s %9s %6s%n", "reason", "precision", "recall", "n"));
    for (String code : codes) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = 0; i < set.size(); i++) {
        boolean expected = set.get(i).expected().contains(code);
        boolean predicted = predictions.get(i).contains(code);
        tp += expected && predicted ? 1 : 0;
        fp += !expected && predicted ? 1 : 0;
        fn += expected && !predicted ? 1 : 0;
      }
      report.append(String.format(Locale.ROOT, "%-22s %9.3f %9.3f %6d%n", code, ratio(tp, tp + fp), ratio(tp, tp + fn),
          tp + fn));
    }
    double precision = ratio(truePositive, truePositive + falsePositive);
    double recall = ratio(truePositive, truePositive + falseNegative);
    report.append(String.format(Locale.ROOT, "%-22s %9.3f %9.3f %6d%n", "OVERALL (reject)", precision, recall,
        truePositive + falseNegative));
    misjudged.forEach(m -> report.append("  misjudged ").append(m).append('\n'));
    System.out.println(report);

    assertThat(precision).as("rejection precision").isGreaterThanOrEqualTo(0.95);
    assertThat(recall).as("rejection recall").isGreaterThanOrEqualTo(0.95);
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 1.0 : (double) part / whole;
  }

  private static List<Labelled> load() throws IOException {
    List<Labelled> set = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(LabelledSetTest.class.getResourceAsStream("/labelled-samples.jsonl")),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode n = JSON.readTree(line);
        List<String> flags = new ArrayList<>();
        n.get("paperFlags").forEach(f -> flags.add(f.asText()));
        Set<String> expected = new TreeSet<>();
        n.get("expected").forEach(e -> expected.add(e.asText()));
        Candidate candidate = new Candidate(n.get("id").asText(), TaskType.valueOf(n.get("taskType").asText()),
            n.get("instruction").asText(), "", n.get("output").asText(), n.get("source").asText(), flags,
            "EXTRACTED".equals(n.get("origin").asText()), List.of());
        set.add(new Labelled(n.get("id").asText(), candidate, expected, n.get("note").asText()));
      }
    }
    return set;
  }
}
