package dev.distillery.export.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.contracts.TaskType;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Json;
import dev.distillery.export.dataset.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Hugging Face dataset folder: {@code huggingface/data/<split>.jsonl} with a {@code messages} column (what
 * {@code datasets} and TRL read) and the sample's provenance, plus a dataset card {@code huggingface/README.md}
 * whose YAML header names the configs and data files, license, task categories and size category.
 */
public final class HuggingFaceFormat implements RecordFormat {
  public static final String FOLDER = "huggingface";
  public static final String CARD = FOLDER + "/README.md";
  private static final Set<String> KEYS =
      Set.of("id", "messages", "task_type", "source_file", "section", "origin", "score");
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");

  @Override
  public ExportFormat format() {
    return ExportFormat.HUGGINGFACE;
  }

  @Override
  public String baseName() {
    return FOLDER;
  }

  @Override
  public String fileName(Split split) {
    return FOLDER + "/data/" + split.label() + ".jsonl";
  }

  @Override
  public String partName(Split split, int part, int parts) {
    return String.format("%s/data/%s-%05d-of-%05d.jsonl", FOLDER, split.label(), part - 1, parts);
  }

  @Override
  public ProviderLimits limits() {
    return ProviderLimits.openTrainer("the Hugging Face trainer (TRL, axolotl)");
  }

  @Override
  public JsonNode record(Chat chat) {
    DatasetSample sample = chat.sample();
    ObjectNode record = Json.MAPPER.createObjectNode();
    record.put("id", sample.sampleId());
    record.set("messages", OpenAiChatFormat.messagesRecord(chat).get("messages"));
    record.put("task_type", sample.taskType() == null ? null : sample.taskType().name());
    record.put("source_file", sample.sourceFile());
    record.put("section", sample.section());
    record.put("origin", sample.origin().name());
    record.put("score", sample.score());
    return record;
  }

  @Override
  public List<String> violations(JsonNode record) {
    List<String> findings = new ArrayList<>();
    if (!record.isObject()) {
      findings.add("a row must be a JSON object");
      return findings;
    }
    Rules.onlyKeys(record, KEYS, "the row", findings);
    if (!Rules.nonEmptyText(record.get("id"))) {
      findings.add("the row has no id");
    }
    Rules.messages(record, ROLES, Set.of("role", "content"), findings);
    return findings;
  }

  @Override
  public Chat read(JsonNode record) {
    return Rules.readMessages(record.path("messages"));
  }

  /** What the card says beyond the files: who made the dataset, how, under which license. */
  public record Card(String prettyName, String license, List<String> howItWasMade) {}

  /**
   * The dataset card: a YAML header the Hub parses (every string double-quoted, so no value can break it), then
   * Markdown. Strings are written as JSON strings, which are valid YAML double-quoted scalars.
   *
   * @param splitCounts examples per split written, in split order; splits with none are left out
   */
  public static String card(Card card, List<Split> splits, List<Integer> splitCounts, Set<TaskType> taskTypes) {
    int total = splitCounts.stream().mapToInt(Integer::intValue).sum();
    StringBuilder md = new StringBuilder("---\n");
    md.append("pretty_name: ").append(quoted(card.prettyName())).append('\n');
    md.append("license: ").append(quoted(card.license())).append('\n');
    md.append("task_categories:\n");
    categories(taskTypes).forEach(c -> md.append("- ").append(quoted(c)).append('\n'));
    md.append("size_categories:\n- ").append(quoted(sizeCategory(total))).append('\n');
    md.append("tags:\n- \"synthetic\"\n- \"instruction-tuning\"\n- \"distillery\"\n");
    md.append("configs:\n- config_name: \"default\"\n  data_files:\n");
    for (Split split : splits) {
      md.append("  - split: ").append(quoted(split.label())).append('\n');
      md.append("    path: ").append(quoted("data/" + split.label() + "*.jsonl")).append('\n');
    }
    md.append("---\n\n# ").append(card.prettyName()).append("\n\n");
    md.append("Instruction-tuning conversations in the `messages` format, one JSON object per line, with each "
        + "example's id, task type, source file, section, origin (generated or extracted) and quality score.\n\n");
    md.append("| split | examples |\n|---|---|\n");
    for (int i = 0; i < splits.size(); i++) {
      md.append("| ").append(splits.get(i).label()).append(" | ").append(splitCounts.get(i)).append(" |\n");
    }
    md.append("\n## How it was made\n\n");
    card.howItWasMade().forEach(line -> md.append("- ").append(line).append('\n'));
    return md.toString();
  }

  /** The Hub's size buckets. */
  static String sizeCategory(int examples) {
    if (examples < 1_000) {
      return "n<1K";
    }
    if (examples < 10_000) {
      return "1K<n<10K";
    }
    if (examples < 100_000) {
      return "10K<n<100K";
    }
    if (examples < 1_000_000) {
      return "100K<n<1M";
    }
    return "1M<n<10M";
  }

  static Set<String> categories(Set<TaskType> taskTypes) {
    Set<String> categories = new TreeSet<>();
    categories.add("text-generation");
    for (TaskType type : taskTypes) {
      switch (type) {
        case QA, CHAIN_OF_THOUGHT_QA -> categories.add("question-answering");
        case CLASSIFICATION -> categories.add("text-classification");
        case TRANSLATION -> categories.add("translation");
        case NER -> categories.add("token-classification");
        case SUMMARY -> categories.add("summarization");
        default -> categories.add("text-generation");
      }
    }
    return categories;
  }

  private static String quoted(String text) {
    try {
      return Json.MAPPER.writeValueAsString(text == null ? "" : text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always serializes", e);
    }
  }
}
