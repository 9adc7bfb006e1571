package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.ExportFormat;
import dev.distillery.export.dataset.DatasetSample;
import dev.distillery.export.dataset.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Vertex AI Gemini supervised tuning JSONL: {@code {"systemInstruction"?: {"parts": [{"text"}]}, "contents":
 * [{"role": "user"|"model", "parts": [{"text"}]}]}}; contents start with user, end with model and alternate. Gemini
 * 2.5 Flash: 131,072 tokens per example, 1 GB per training file, at most 5,000 validation examples.
 */
public final class VertexGeminiFormat implements RecordFormat {
  private static final Set<String> RECORD_KEYS = Set.of("systemInstruction", "contents", "tools");
  private static final Set<String> CONTENT_KEYS = Set.of("role", "parts");
  private static final String MODEL = "model";

  private static final ProviderLimits LIMITS =
      new ProviderLimits(
          "Vertex AI (Gemini 2.5 Flash)", "cl100k_base", false, 131_072, false, ProviderLimits.GB, 0, 1_000_000, 0,
          5_000,
          List.of("Gemini's tokenizer is not available offline: tokens are cl100k_base counts, enforced at 90% of"
              + " the limit", "Gemini 1.5 models allow only 32,000 tokens per example"));

  @Override
  public ExportFormat format() {
    return ExportFormat.VERTEX_GEMINI;
  }

  @Override
  public String baseName() {
    return "vertex-gemini";
  }

  @Override
  public ProviderLimits limits() {
    return LIMITS;
  }

  @Override
  public JsonNode record(Chat chat) {
    ObjectNode record = Json.MAPPER.createObjectNode();
    if (chat.hasSystem()) {
      record.putObject("systemInstruction").putArray("parts").addObject().put("text", chat.system());
    }
    var contents = record.putArray("contents");
    for (ChatTurn turn : chat.turns()) {
      ObjectNode content = contents.addObject();
      content.put("role", DatasetSample.ASSISTANT.equals(turn.role()) ? MODEL : turn.role());
      content.putArray("parts").addObject().put("text", turn.content());
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
    if (record.has("systemInstruction") && !textParts(record.get("systemInstruction").get("parts"))) {
      findings.add("systemInstruction needs parts with non-empty text");
    }
    JsonNode contents = record.get("contents");
    if (contents == null || !contents.isArray() || contents.isEmpty()) {
      findings.add("missing contents list");
      return findings;
    }
    for (int i = 0; i < contents.size(); i++) {
      JsonNode content = contents.get(i);
      Rules.onlyKeys(content, CONTENT_KEYS, "content " + (i + 1), findings);
      String role = content.path("role").asText();
      if (!role.equals("user") && !role.equals(MODEL)) {
        findings.add("content " + (i + 1) + " has role '" + role + "'; only user and model are allowed");
      }
      if (!textParts(content.get("parts"))) {
        findings.add("content " + (i + 1) + " needs parts with non-empty text");
      }
    }
    Rules.alternates(Rules.roles(contents, "role"), "user", MODEL, findings);
    return findings;
  }

  private static boolean textParts(JsonNode parts) {
    if (parts == null || !parts.isArray() || parts.isEmpty()) {
      return false;
    }
    for (JsonNode part : parts) {
      if (!Rules.nonEmptyText(part.get("text"))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Chat read(JsonNode record) {
    List<ChatTurn> turns = new ArrayList<>();
    for (JsonNode content : record.path("contents")) {
      String role = content.path("role").asText();
      turns.add(new ChatTurn(MODEL.equals(role) ? DatasetSample.ASSISTANT : role, text(content.path("parts"))));
    }
    JsonNode system = record.get("systemInstruction");
    return new Chat(system == null ? null : text(system.path("parts")), turns, null);
  }

  private static String text(JsonNode parts) {
    StringBuilder text = new StringBuilder();
    parts.forEach(p -> text.append(p.path("text").asText()));
    return text.toString();
  }
}
