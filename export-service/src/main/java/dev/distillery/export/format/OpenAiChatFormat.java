package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.dataset.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OpenAI chat fine-tuning JSONL: one {@code {"messages": [...]}} object per line, never an array. The validator is
 * the OpenAI cookbook's data-prep checks: data type, missing messages list, missing or unrecognized message keys,
 * unrecognized roles, missing content, and an example without an assistant message.
 */
public final class OpenAiChatFormat implements RecordFormat {
  static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
  static final Set<String> MESSAGE_KEYS =
      Set.of("role", "content", "name", "function_call", "tool_calls", "tool_call_id", "weight");
  private static final Set<String> RECORD_KEYS = Set.of("messages", "tools", "parallel_tool_calls");

  /** gpt-4o-mini-2024-07-18 and gpt-4o-2024-08-06 train on 65,536 tokens per example and truncate longer ones. */
  public static final int EXAMPLE_TOKENS = 65_536;

  private final ProviderLimits limits;

  public OpenAiChatFormat() {
    this(new ProviderLimits(
        "OpenAI", "cl100k_base", true, EXAMPLE_TOKENS, true, 512 * ProviderLimits.MB, 10, 0, 0, 0, List.of()));
  }

  public OpenAiChatFormat(ProviderLimits limits) {
    this.limits = limits;
  }

  @Override
  public ExportFormat format() {
    return ExportFormat.OPENAI_CHAT;
  }

  @Override
  public String baseName() {
    return "openai-chat";
  }

  @Override
  public ProviderLimits limits() {
    return limits;
  }

  @Override
  public JsonNode record(Chat chat) {
    return messagesRecord(chat);
  }

  /** {@code {"messages": [system?, turns...]}} with role and content only: shared by the OpenAI-style formats. */
  static ObjectNode messagesRecord(Chat chat) {
    ObjectNode record = Json.MAPPER.createObjectNode();
    ArrayNode messages = record.putArray("messages");
    if (chat.hasSystem()) {
      messages.addObject().put("role", "system").put("content", chat.system());
    }
    for (ChatTurn turn : chat.turns()) {
      messages.addObject().put("role", turn.role()).put("content", turn.content());
    }
    return record;
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
    return findings;
  }

  @Override
  public Chat read(JsonNode record) {
    return Rules.readMessages(record.path("messages"));
  }
}
