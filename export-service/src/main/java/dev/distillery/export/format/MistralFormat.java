package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distillery.contracts.ExportFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Mistral fine-tuning JSONL: {@code {"messages": [...]}} with roles system/user/assistant/tool, and the last message
 * an assistant one (loss is computed on assistant messages only).
 */
public final class MistralFormat implements RecordFormat {
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
  private static final Set<String> MESSAGE_KEYS = Set.of("role", "content", "name", "tool_calls", "tool_call_id",
      "weight");
  private static final Set<String> RECORD_KEYS = Set.of("messages", "tools");

  private static final ProviderLimits LIMITS =
      new ProviderLimits(
          "Mistral", "cl100k_base", false, 0, false, 512 * ProviderLimits.MB, 0, 0, 0, 0,
          List.of("tokens per example: Mistral publishes no per-example limit; counts are cl100k_base approximations",
              "minimum examples: not published by Mistral"));

  @Override
  public ExportFormat format() {
    return ExportFormat.MISTRAL;
  }

  @Override
  public String baseName() {
    return "mistral";
  }

  @Override
  public ProviderLimits limits() {
    return LIMITS;
  }

  @Override
  public JsonNode record(Chat chat) {
    return OpenAiChatFormat.messagesRecord(chat);
  }

  @Override
  public List<String> violations(JsonNode record) {
    List<String> findings = new ArrayList<>();
    if (!record.isObject()) {
      findings.add("a line must be a JSON object");
      return findings;
    }
    Rules.onlyKeys(record, RECORD_KEYS, "the example", findings);
    Rules.messages(record, ROLES, MESSAGE_KEYS, findings);
    JsonNode messages = record.path("messages");
    if (messages.isArray() && !messages.isEmpty()
        && !"assistant".equals(messages.get(messages.size() - 1).path("role").asText())) {
      findings.add("the last message must be assistant");
    }
    return findings;
  }

  @Override
  public Chat read(JsonNode record) {
    return Rules.readMessages(record.path("messages"));
  }
}
