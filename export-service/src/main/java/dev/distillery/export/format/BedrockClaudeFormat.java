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
 * Amazon Bedrock fine-tuning of Claude 3 Haiku, JSONL: {@code {"system"?, "messages": [{"role", "content"}]}} and no
 * other key; at least two messages, user first, assistant last, alternating, none empty; the strings
 * {@code "\nHuman:"} and {@code "\nAssistant:"} nowhere; each record under 32,000 tokens; 32–10,000 training and
 * 32–1,000 validation lines.
 */
public final class BedrockClaudeFormat implements RecordFormat {
  static final List<String> FORBIDDEN = List.of("\nHuman:", "\nAssistant:");
  private static final Set<String> RECORD_KEYS = Set.of("system", "messages");
  private static final Set<String> MESSAGE_KEYS = Set.of("role", "content");

  private static final ProviderLimits LIMITS =
      new ProviderLimits(
          "Amazon Bedrock (Claude 3 Haiku)", "cl100k_base", false, 31_999, false, 10 * ProviderLimits.GB, 32, 10_000,
          32, 1_000,
          List.of("Claude's tokenizer is not public: tokens are cl100k_base counts, enforced at 90% of the limit",
              "Claude 3 Haiku fine-tuning on Bedrock is legacy (end date 2026-09-10); the format is kept"));

  @Override
  public ExportFormat format() {
    return ExportFormat.BEDROCK_CLAUDE;
  }

  @Override
  public String baseName() {
    return "bedrock-claude";
  }

  @Override
  public ProviderLimits limits() {
    return LIMITS;
  }

  @Override
  public JsonNode record(Chat chat) {
    ObjectNode record = Json.MAPPER.createObjectNode();
    if (chat.hasSystem()) {
      record.put("system", chat.system());
    }
    ArrayNode messages = record.putArray("messages");
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
    Rules.onlyKeys(record, RECORD_KEYS, "the record", findings);
    if (record.has("system") && !record.get("system").isTextual()) {
      findings.add("system must be a string");
    }
    JsonNode messages = record.get("messages");
    if (messages == null || !messages.isArray()) {
      findings.add("missing messages list");
      return findings;
    }
    if (messages.size() < 2) {
      findings.add("at least 2 messages are needed, found " + messages.size());
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      Rules.onlyKeys(message, MESSAGE_KEYS, "message " + (i + 1), findings);
      String role = message.path("role").asText();
      if (!role.equals("user") && !role.equals("assistant")) {
        findings.add("message " + (i + 1) + " has role '" + role + "'; only user and assistant are allowed");
      }
      if (!Rules.nonEmptyText(message.get("content"))) {
        findings.add("message " + (i + 1) + " has no content");
      }
    }
    Rules.alternates(Rules.roles(messages, "role"), "user", "assistant", findings);
    String text = record.toString();
    String raw = record.path("system").asText("") + messagesText(messages);
    for (String forbidden : FORBIDDEN) {
      if (raw.contains(forbidden) || text.contains(forbidden.replace("\n", "\\n"))) {
        findings.add("contains the forbidden string " + forbidden.replace("\n", "\\n"));
      }
    }
    return findings;
  }

  private static String messagesText(JsonNode messages) {
    StringBuilder text = new StringBuilder();
    messages.forEach(m -> text.append('\u0000').append(m.path("content").asText()));
    return text.toString();
  }

  @Override
  public Chat read(JsonNode record) {
    Chat chat = Rules.readMessages(record.path("messages"));
    return new Chat(record.has("system") ? record.get("system").asText() : null, chat.turns(), null);
  }
}
