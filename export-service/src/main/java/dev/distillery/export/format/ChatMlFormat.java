package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distillery.contracts.ChatTurn;
import dev.distillery.contracts.ExportFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Llama / ChatML JSONL for open trainers: {@code {"messages": [...], "text": "<|im_start|>user\n…<|im_end|>\n…"}}.
 * axolotl's {@code chat_template} and TRL read {@code messages}; trainers that take raw text read {@code text},
 * the same conversation rendered with ChatML's markers. Content holding a marker would break the rendering, so such
 * an example is refused.
 */
public final class ChatMlFormat implements RecordFormat {
  static final String START = "<|im_start|>";
  static final String END = "<|im_end|>";
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");
  private static final Set<String> KEYS = Set.of("role", "content");

  @Override
  public ExportFormat format() {
    return ExportFormat.CHATML;
  }

  @Override
  public String baseName() {
    return "chatml";
  }

  @Override
  public ProviderLimits limits() {
    return ProviderLimits.openTrainer("the Llama/ChatML trainer");
  }

  @Override
  public JsonNode record(Chat chat) {
    ObjectNode record = OpenAiChatFormat.messagesRecord(chat);
    record.put("text", render(chat));
    return record;
  }

  static String render(Chat chat) {
    StringBuilder text = new StringBuilder();
    if (chat.hasSystem()) {
      text.append(START).append("system\n").append(chat.system()).append(END).append('\n');
    }
    for (ChatTurn turn : chat.turns()) {
      text.append(START).append(turn.role()).append('\n').append(turn.content()).append(END).append('\n');
    }
    return text.toString();
  }

  @Override
  public List<String> violations(JsonNode record) {
    List<String> findings = new ArrayList<>();
    if (!record.isObject()) {
      findings.add("a line must be a JSON object");
      return findings;
    }
    Rules.onlyKeys(record, Set.of("messages", "text"), "the example", findings);
    Rules.messages(record, ROLES, KEYS, findings);
    for (JsonNode message : record.path("messages")) {
      String content = message.path("content").asText();
      if (content.contains(START) || content.contains(END)) {
        findings.add("a message contains the ChatML marker " + (content.contains(START) ? START : END));
        break;
      }
    }
    if (findings.isEmpty() && !render(read(record)).equals(record.path("text").asText())) {
      findings.add("text is not the ChatML rendering of messages");
    }
    return findings;
  }

  @Override
  public Chat read(JsonNode record) {
    return Rules.readMessages(record.path("messages"));
  }
}
