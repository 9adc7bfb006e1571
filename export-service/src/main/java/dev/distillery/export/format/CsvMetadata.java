package dev.distillery.export.format;

import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Keywords;
import dev.distillery.export.dataset.Split;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CSV metadata sidecar, one row per example of every split (RFC 4180, UTF-8, CRLF-free): id, split, source file,
 * section, task type, origin, token length, score, named scores and topic keywords.
 */
public final class CsvMetadata {
  public static final String FILE = "metadata.csv";
  public static final List<String> COLUMNS =
      List.of("id", "split", "source_file", "section", "task_type", "origin", "tokens", "score", "scores",
          "topic_keywords");

  private final StringBuilder csv = new StringBuilder();
  private int rows;

  public CsvMetadata() {
    line(COLUMNS);
  }

  public void add(DatasetSample sample, Split split, int tokens) {
    String text = sample.turns().stream().map(t -> t.content()).collect(Collectors.joining(" "));
    line(List.of(
        sample.sampleId(), split.label(), nullToEmpty(sample.sourceFile()), nullToEmpty(sample.section()),
        sample.taskType() == null ? "" : sample.taskType().name(), sample.origin().name(), Integer.toString(tokens),
        number(sample.score()), scores(sample.scores()), String.join(" ", Keywords.of(text, 5))));
    rows++;
  }

  public int rows() {
    return rows;
  }

  public byte[] bytes() {
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void line(List<String> cells) {
    csv.append(cells.stream().map(CsvMetadata::quote).collect(Collectors.joining(","))).append('\n');
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
  static String quote(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }

  private static String scores(Map<String, Double> scores) {
    return scores.entrySet().stream()
        .map(e -> e.getKey() + "=" + number(e.getValue()))
        .collect(Collectors.joining(";"));
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
