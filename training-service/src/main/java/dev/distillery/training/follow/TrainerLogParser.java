package dev.distillery.training.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.TrainingProgress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads training progress from what trainers print, most precise feed first:
 *
 * <ul>
 *   <li>LLaMA-Factory's {@code trainer_log.jsonl} records: {@code {"current_steps": 10, "total_steps": 90, "loss":
 *       1.2, "lr": 0.0002, "epoch": 0.33, "remaining_time": "0:05:10", ...}};
 *   <li>the Hugging Face trainer's log dicts, which axolotl and LLaMA-Factory print: {@code {'loss': 1.23,
 *       'grad_norm': 0.4, 'learning_rate': 0.0002, 'epoch': 0.5}} and {@code {'eval_loss': 1.1, ...}};
 *   <li>its tqdm progress bar: {@code 45%|████▌ | 90/200 [01:30<01:50, 1.00s/it]} for step, total and ETA.
 * </ul>
 *
 * Other lines say nothing about progress and are skipped.
 */
public final class TrainerLogParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PY_ENTRY =
      Pattern.compile("'([a-z_]+)':\\s*(?:np\\.float\\d*\\()?(-?[0-9.]+(?:[eE][-+]?\\d+)?|nan|inf)");
  private static final Pattern BAR =
      Pattern.compile("\\|\\s*(\\d+)/(\\d+)\\s*\\[(?:[0-9:]+)<([0-9:]+)");

  private TrainerLogParser() {}

  /** The progress all lines add up to, later reports overriding earlier ones field by field; empty when none. */
  public static Optional<TrainingProgress> progress(List<String> lines) {
    TrainingProgress folded = null;
    for (String line : lines) {
      // tqdm redraws its bar with carriage returns, so one log line may hold many reports
      for (String part : line.split("\r")) {
        Optional<TrainingProgress> parsed = parse(part);
        if (parsed.isPresent()) {
          folded = merge(folded, parsed.get());
        }
      }
    }
    return Optional.ofNullable(folded);
  }

  public static Optional<TrainingProgress> parse(String line) {
    String text = line.strip();
    int jsonStart = text.indexOf("{\"");
    if (jsonStart >= 0) {
      return llamaFactory(text.substring(jsonStart));
    }
    int dictStart = text.indexOf("{'");
    if (dictStart >= 0) {
      Optional<TrainingProgress> dict = huggingFace(text.substring(dictStart));
      if (dict.isPresent()) {
        return dict;
      }
    }
    return progressBar(text);
  }

  private static Optional<TrainingProgress> llamaFactory(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
    if (node == null || !node.isObject() || !node.has("current_steps")) {
      return Optional.empty();
    }
    return Optional.of(
        new TrainingProgress(
            longOf(node, "current_steps"),
            longOf(node, "total_steps"),
            doubleOf(node, "epoch"),
            doubleOf(node, "loss"),
            doubleOf(node, "lr"),
            doubleOf(node, "eval_loss"),
            node.hasNonNull("remaining_time") ? seconds(node.get("remaining_time").asText()) : null));
  }

  private static Optional<TrainingProgress> huggingFace(String dict) {
    Map<String, Double> values = new HashMap<>();
    Matcher matcher = PY_ENTRY.matcher(dict);
    while (matcher.find()) {
      String raw = matcher.group(2);
      if (!raw.equals("nan") && !raw.equals("inf")) {
        values.put(matcher.group(1), Double.parseDouble(raw));
      }
    }
    // the end-of-training summary reports train_loss, an average over the run, not the latest loss
    Double loss = values.get("loss");
    Double evalLoss = values.get("eval_loss");
    if (loss == null && evalLoss == null) {
      return Optional.empty();
    }
    return Optional.of(
        new TrainingProgress(null, null, values.get("epoch"), loss, values.get("learning_rate"), evalLoss, null));
  }

  private static Optional<TrainingProgress> progressBar(String text) {
    Matcher matcher = BAR.matcher(text);
    TrainingProgress last = null;
    while (matcher.find()) {
      last =
          new TrainingProgress(
              Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), null, null, null, null,
              seconds(matcher.group(3)));
    }
    return Optional.ofNullable(last);
  }

  /** {@code 1:02:03}, {@code 02:03} or {@code 0:00:20} as seconds. */
  static Long seconds(String clock) {
    String[] parts = clock.strip().split(":");
    long total = 0;
    for (String part : parts) {
      if (part.isEmpty() || !part.chars().allMatch(Character::isDigit)) {
        return null;
      }
      total = total * 60 + Long.parseLong(part);
    }
    return total;
  }

  static TrainingProgress merge(TrainingProgress before, TrainingProgress next) {
    if (before == null) {
      return next;
    }
    return new TrainingProgress(
        next.step() != null ? next.step() : before.step(),
        next.totalSteps() != null ? next.totalSteps() : before.totalSteps(),
        next.epoch() != null ? next.epoch() : before.epoch(),
        next.loss() != null ? next.loss() : before.loss(),
        next.learningRate() != null ? next.learningRate() : before.learningRate(),
        next.evalLoss() != null ? next.evalLoss() : before.evalLoss(),
        next.etaSeconds() != null ? next.etaSeconds() : before.etaSeconds());
  }

  private static Long longOf(JsonNode node, String field) {
    return node.hasNonNull(field) && node.get(field).isNumber() ? node.get(field).asLong() : null;
  }

  private static Double doubleOf(JsonNode node, String field) {
    return node.hasNonNull(field) && node.get(field).isNumber() ? node.get(field).asDouble() : null;
  }
}
