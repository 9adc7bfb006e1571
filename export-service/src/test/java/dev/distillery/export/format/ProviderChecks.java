package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.ExportFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The providers' rules as PROVIDER-FORMATS.md states them, written independently of the writers' own validators, so
 * a writer and its validator cannot share a misreading. Returns the problems of one file; empty when it passes.
 */
final class ProviderChecks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProviderChecks() {}

  static List<String> check(ExportFormat format, Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> problems = new ArrayList<>();
    List<JsonNode> records = new ArrayList<>();
    if (format == ExportFormat.ALPACA || format == ExportFormat.SHAREGPT) {
      JsonNode array = JSON.readTree(text);
      if (!array.isArray()) {
        return List.of("not a JSON array");
      }
      array.forEach(records::add);
    } else {
      if (text.startsWith("[")) {
        return List.of("a JSON array where JSONL is required");
      }
      if (!text.isEmpty() && !text.endsWith("\n")) {
        problems.add("the last line does not end with a line feed");
      }
      for (String line : text.split("\n", -1)) {
        if (!line.isEmpty()) {
          records.add(JSON.readTree(line));
        }
      }
    }
    for (int i = 0; i < records.size(); i++) {
      for (String problem : record(format, records.get(i))) {
        problems.add("record " + (i + 1) + ": " + problem);
      }
    }
    return problems;
  }

  static List<String> record(ExportFormat format, JsonNode r) {
    List<String> p = new ArrayList<>();
    switch (format) {
      case OPENAI_CHAT -> {
        keys(r, Set.of("messages", "tools", "parallel_tool_calls"), p);
        messages(r.get("messages"), Set.of("system", "developer", "user", "assistant", "tool"),
            Set.of("role", "content", "name", "function_call", "tool_calls", "tool_call_id", "weight"), p);
      }
      case MISTRAL -> {
        keys(r, Set.of("messages", "tools"), p);
        messages(r.get("messages"), Set.of("system", "user", "assistant", "tool"),
            Set.of("role", "content", "name", "tool_calls", "tool_call_id", "weight"), p);
        JsonNode m = r.get("messages");
        if (!"assistant".equals(m.get(m.size() - 1).path("role").asText())) {
          p.add("last message not assistant");
        }
      }
      case CHATML, HUGGINGFACE -> messages(r.get("messages"), Set.of("system", "user", "assistant"),
          Set.of("role", "content"), p);
      case BEDROCK_CLAUDE -> {
        keys(r, Set.of("system", "messages"), p);
        JsonNode m = r.get("messages");
        if (m == null || m.size() < 2) {
          p.add("fewer than 2 messages");
          return p;
        }
        alternate(m, "role", "user", "assistant", p);
        m.forEach(x -> {
          keys(x, Set.of("role", "content"), p);
          if (x.path("content").asText().isEmpty()) {
            p.add("empty content");
          }
        });
        String all = r.path("system").asText("") + "|" + m.toString() + "|" + contents(m, "content");
        if (all.contains("\nHuman:") || all.contains("\nAssistant:")) {
          p.add("forbidden \\nHuman: or \\nAssistant:");
        }
      }
      case VERTEX_GEMINI -> {
        keys(r, Set.of("systemInstruction", "contents", "tools"), p);
        JsonNode c = r.get("contents");
        if (c == null || c.isEmpty()) {
          p.add("no contents");
          return p;
        }
        alternate(c, "role", "user", "model", p);
        c.forEach(x -> {
          if (!x.path("parts").isArray() || x.path("parts").isEmpty()
              || x.path("parts").get(0).path("text").asText().isEmpty()) {
            p.add("content without text parts");
          }
        });
        if (r.has("systemInstruction") && !r.get("systemInstruction").path("parts").isArray()) {
          p.add("systemInstruction without parts");
        }
      }
      case ALPACA -> {
        keys(r, Set.of("instruction", "input", "output", "system", "history"), p);
        if (r.path("instruction").asText().isBlank() || r.path("output").asText().isBlank()) {
          p.add("empty instruction or output");
        }
      }
      case SHAREGPT -> {
        JsonNode c = r.get("conversations");
        if (c == null || c.isEmpty()) {
          p.add("no conversations");
          return p;
        }
        List<JsonNode> turns = new ArrayList<>();
        c.forEach(turns::add);
        if (turns.get(0).path("from").asText().equals("system")) {
          turns.remove(0);
        }
        String expected = "human";
        for (JsonNode t : turns) {
          if (!t.path("from").asText().equals(expected)) {
            p.add("from " + t.path("from").asText() + " where " + expected + " was due");
          }
          expected = expected.equals("human") ? "gpt" : "human";
        }
        if (!turns.get(turns.size() - 1).path("from").asText().equals("gpt")) {
          p.add("does not end with gpt");
        }
      }
      case LLAMA_FACTORY, CSV_METADATA -> p.add("not a record format");
    }
    return p;
  }

  private static void messages(JsonNode m, Set<String> roles, Set<String> keys, List<String> p) {
    if (m == null || !m.isArray() || m.isEmpty()) {
      p.add("missing messages");
      return;
    }
    boolean assistant = false;
    for (JsonNode x : m) {
      keys(x, keys, p);
      if (!roles.contains(x.path("role").asText())) {
        p.add("role " + x.path("role").asText());
      }
      if (!x.path("content").isTextual() || x.path("content").asText().isEmpty()) {
        p.add("missing content");
      }
      assistant |= x.path("role").asText().equals("assistant");
    }
    if (!assistant) {
      p.add("no assistant message");
    }
  }

  private static void alternate(JsonNode list, String key, String first, String second, List<String> p) {
    for (int i = 0; i < list.size(); i++) {
      String expected = i % 2 == 0 ? first : second;
      if (!list.get(i).path(key).asText().equals(expected)) {
        p.add("turn " + (i + 1) + " is " + list.get(i).path(key).asText() + ", expected " + expected);
      }
    }
    if (list.size() % 2 != 0) {
      p.add("does not end with " + second);
    }
  }

  private static void keys(JsonNode node, Set<String> allowed, List<String> p) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        p.add("key " + key);
      }
    }
  }

  private static String contents(JsonNode messages, String key) {
    StringBuilder text = new StringBuilder();
    messages.forEach(m -> text.append(m.path(key).asText()).append('\u0000'));
    return text.toString();
  }
}
