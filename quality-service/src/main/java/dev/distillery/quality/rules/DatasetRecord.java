package dev.distillery.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One record of a user's dataset, OpenAI chat ({@code {"messages": [...]}}) or Alpaca ({@code {"instruction",
 * "input", "output"}}), read into a {@link Candidate}. Optional extras: {@code source} (the text the sample should
 * be grounded in) and {@code task_type} (one of {@link TaskType}, e.g. {@code code}).
 */
public final class DatasetRecord {
  private DatasetRecord() {}

  /** The candidate a record holds, or an IllegalArgumentException saying why it holds none. */
  public static Candidate read(String id, JsonNode record) {
    if (record == null || !record.isObject()) {
      throw new IllegalArgumentException("expected a JSON object with \"messages\" or \"instruction\"/\"output\"");
    }
    String source = text(record, "source");
    TaskType taskType = taskType(record);
    JsonNode messages = record.get("messages");
    if (messages != null) {
      if (!messages.isArray()) {
        throw new IllegalArgumentException("\"messages\" must be an array of {\"role\", \"content\"} objects");
      }
      List<ChatTurn> turns = new ArrayList<>();
      for (JsonNode message : messages) {
        String role = text(message, "role");
        if (!"system".equals(role)) {
          turns.add(new ChatTurn(role, text(message, "content")));
        }
      }
      String instruction = turns.stream().filter(t -> "user".equals(t.role())).map(ChatTurn::content).findFirst()
          .orElse("");
      List<ChatTurn> answers = turns.stream().filter(t -> "assistant".equals(t.role())).toList();
      String output = answers.isEmpty() ? "" : answers.get(answers.size() - 1).content();
      return new Candidate(id, taskType, instruction, "", output, source, List.of(), false,
          answers.size() > 1 ? turns : List.of());
    }
    if (!record.has("instruction") && !record.has("output")) {
      throw new IllegalArgumentException("expected \"messages\" (OpenAI chat) or \"instruction\"/\"output\" (Alpaca)");
    }
    return new Candidate(id, taskType, text(record, "instruction"), text(record, "input"), text(record, "output"),
        source, List.of(), false, List.of());
  }

  private static TaskType taskType(JsonNode record) {
    String name = text(record, "task_type");
    if (name.isEmpty()) {
      name = text(record, "taskType");
    }
    if (name.isEmpty()) {
      return null;
    }
    try {
      return TaskType.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown task_type \"" + name + "\"", e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
  }
}
