package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ShareGPT JSON: an array of {@code {"conversations": [{"from": "system"|"human"|"gpt", "value"}]}}; after an
 * optional system message human and gpt alternate, starting with human and ending with gpt.
 */
public final class ShareGptFormat implements RecordFormat {
  static final String HUMAN = "human";
  static final String GPT = "gpt";
  private static final Set<String> FROM = Set.of("system", HUMAN, GPT, "function_call", "observation");

  @Override
  public ExportFormat format() {
    return ExportFormat.SHAREGPT;
  }

  @Override
  public String baseName() {
    return "sharegpt";
  }

  @Override
  public boolean jsonArray() {
    return true;
  }

  @Override
  public ProviderLimits limits() {
    return ProviderLimits.openTrainer("the ShareGPT trainer (LLaMA-Factory, axolotl)");
  }

  @Override
  public JsonNode record(Chat chat) {
    ObjectNode record = Json.MAPPER.createObjectNode();
    ArrayNode conversations = record.putArray("conversations");
    if (chat.hasSystem()) {
      conversations.addObject().put("from", "system").put("value", chat.system());
    }
    for (ChatTurn turn : chat.turns()) {
      conversations.addObject()
          .put("from", DatasetSample.ASSISTANT.equals(turn.role()) ? GPT : HUMAN)
          .put("value", turn.content());
    }
    return record;
  }

  @Override
  public List<String> violations(JsonNode record) {
    List<String> findings = new ArrayList<>();
    JsonNode conversations = record.get("conversations");
    if (!record.isObject() || conversations == null || !conversations.isArray() || conversations.isEmpty()) {
      findings.add("missing conversations list");
      return findings;
    }
    Rules.onlyKeys(record, Set.of("conversations", "system", "tools"), "the entry", findings);
    List<String> roles = new ArrayList<>();
    for (int i = 0; i < conversations.size(); i++) {
      JsonNode message = conversations.get(i);
      String from = message.path("from").asText();
      if (!FROM.contains(from)) {
        findings.add("message " + (i + 1) + " is from '" + from + "'");
      }
      if (!Rules.nonEmptyText(message.get("value"))) {
        findings.add("message " + (i + 1) + " has no value");
      }
      if (!(i == 0 && from.equals("system"))) {
        roles.add(from);
      }
    }
    Rules.alternates(roles, HUMAN, GPT, findings);
    return findings;
  }

  @Override
  public Chat read(JsonNode record) {
    String system = null;
    List<ChatTurn> turns = new ArrayList<>();
    for (JsonNode message : record.path("conversations")) {
      String from = message.path("from").asText();
      String value = message.path("value").asText();
      if (from.equals("system")) {
        system = value;
      } else {
        turns.add(new ChatTurn(GPT.equals(from) ? DatasetSample.ASSISTANT : DatasetSample.USER, value));
      }
    }
    return new Chat(system, turns, null);
  }
}
