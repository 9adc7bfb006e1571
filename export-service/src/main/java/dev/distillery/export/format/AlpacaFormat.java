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
 * Alpaca JSON: one array of {@code {"instruction", "input", "output", "system"?, "history"?}}, as axolotl and
 * LLaMA-Factory read it. A multi-turn sample keeps its earlier exchanges in {@code history} ({@code [[user,
 * assistant], …]}) and its last one as instruction and output.
 */
public final class AlpacaFormat implements RecordFormat {
  private static final Set<String> KEYS = Set.of("instruction", "input", "output", "system", "history");

  @Override
  public ExportFormat format() {
    return ExportFormat.ALPACA;
  }

  @Override
  public String baseName() {
    return "alpaca";
  }

  @Override
  public boolean jsonArray() {
    return true;
  }

  @Override
  public ProviderLimits limits() {
    return ProviderLimits.openTrainer("the Alpaca trainer (axolotl, LLaMA-Factory)");
  }

  @Override
  public JsonNode record(Chat chat) {
    ObjectNode record = Json.MAPPER.createObjectNode();
    DatasetSample sample = chat.sample();
    List<ChatTurn> turns = chat.turns();
    for (int i = 0; i < turns.size(); i++) {
      String expected = i % 2 == 0 ? DatasetSample.USER : DatasetSample.ASSISTANT;
      if (!expected.equals(turns.get(i).role()) || turns.size() % 2 != 0) {
        throw new IllegalArgumentException(
            "the conversation does not alternate user and assistant turns, so it has no Alpaca history");
      }
    }
    boolean single = sample != null && !sample.multiTurn() && turns.size() == 2;
    if (single) {
      record.put("instruction", sample.instruction());
      record.put("input", sample.input() == null ? "" : sample.input());
      record.put("output", turns.get(1).content());
    } else {
      record.put("instruction", turns.size() >= 2 ? turns.get(turns.size() - 2).content() : "");
      record.put("input", "");
      record.put("output", turns.isEmpty() ? "" : turns.get(turns.size() - 1).content());
    }
    if (chat.hasSystem()) {
      record.put("system", chat.system());
    }
    if (turns.size() > 2) {
      ArrayNode history = record.putArray("history");
      for (int i = 0; i + 1 < turns.size() - 2; i += 2) {
        history.addArray().add(turns.get(i).content()).add(turns.get(i + 1).content());
      }
    }
    return record;
  }

  @Override
  public List<String> violations(JsonNode record) {
    List<String> findings = new ArrayList<>();
    if (!record.isObject()) {
      findings.add("an entry must be a JSON object");
      return findings;
    }
    Rules.onlyKeys(record, KEYS, "the entry", findings);
    if (!Rules.nonEmptyText(record.get("instruction"))) {
      findings.add("instruction is empty");
    }
    if (!Rules.nonEmptyText(record.get("output"))) {
      findings.add("output is empty");
    }
    if (record.has("input") && !record.get("input").isTextual()) {
      findings.add("input must be a string");
    }
    if (record.has("history")) {
      for (JsonNode pair : record.get("history")) {
        if (!pair.isArray() || pair.size() != 2 || !Rules.nonEmptyText(pair.get(0))
            || !Rules.nonEmptyText(pair.get(1))) {
          findings.add("history entries must be [user, assistant] pairs of non-empty text");
          break;
        }
      }
    }
    return findings;
  }

  @Override
  public Chat read(JsonNode record) {
    List<ChatTurn> turns = new ArrayList<>();
    for (JsonNode pair : record.path("history")) {
      turns.add(new ChatTurn(DatasetSample.USER, pair.get(0).asText()));
      turns.add(new ChatTurn(DatasetSample.ASSISTANT, pair.get(1).asText()));
    }
    String input = record.path("input").asText("");
    String instruction = record.path("instruction").asText();
    turns.add(new ChatTurn(DatasetSample.USER, input.isBlank() ? instruction : instruction + "\n\n" + input));
    turns.add(new ChatTurn(DatasetSample.ASSISTANT, record.path("output").asText()));
    return new Chat(record.has("system") ? record.get("system").asText() : null, turns, null);
  }
}
