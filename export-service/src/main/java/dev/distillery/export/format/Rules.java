package dev.distillery.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distillery.contracts.ChatTurn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Checks several providers share, each phrased so that a user sees which rule a record broke. */
final class Rules {
  private Rules() {}

  /** Keys outside {@code allowed}, as "unrecognized key" findings. */
  static void onlyKeys(JsonNode node, Set<String> allowed, String where, List<String> findings) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        findings.add(where + " has unrecognized key '" + name + "'");
      }
    }
  }

  static boolean nonEmptyText(JsonNode node) {
    return node != null && node.isTextual() && !node.asText().isBlank();
  }

  /** Roles alternate between the two given, starting with the first and ending with the second. */
  static void alternates(List<String> roles, String first, String last, List<String> findings) {
    if (roles.isEmpty()) {
      findings.add("no messages");
      return;
    }
    if (!roles.get(0).equals(first)) {
      findings.add("the first message must be " + first + ", was " + roles.get(0));
    }
    if (!roles.get(roles.size() - 1).equals(last)) {
      findings.add("the last message must be " + last + ", was " + roles.get(roles.size() - 1));
    }
    for (int i = 1; i < roles.size(); i++) {
      if (roles.get(i).equals(roles.get(i - 1))) {
        findings.add("roles must alternate, but messages " + i + " and " + (i + 1) + " are both " + roles.get(i));
        return;
      }
    }
  }

  /**
   * OpenAI-style {@code messages} (OpenAI, Mistral, ChatML): a non-empty list of objects with a known role and
   * non-empty string content, only the allowed keys, {@code weight} 0 or 1 on assistant messages only, and at least
   * one assistant message.
   */
  static void messages(JsonNode record, Set<String> roles, Set<String> keys, List<String> findings) {
    JsonNode messages = record.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      findings.add("missing messages list");
      return;
    }
    boolean assistant = false;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String where = "message " + (i + 1);
      if (!message.isObject()) {
        findings.add(where + " is not an object");
        continue;
      }
      if (!message.has("role") || !message.has("content")) {
        findings.add(where + " is missing key " + (message.has("role") ? "'content'" : "'role'"));
      }
      onlyKeys(message, keys, where, findings);
      String role = message.path("role").asText();
      if (!roles.contains(role)) {
        findings.add(where + " has unrecognized role '" + role + "'");
      }
      if (!nonEmptyText(message.get("content"))) {
        findings.add(where + " has no content");
      }
      if (message.has("weight")) {
        JsonNode weight = message.get("weight");
        if (!"assistant".equals(role)) {
          findings.add(where + " has a weight but is not an assistant message");
        } else if (!weight.isInt() || (weight.asInt() != 0 && weight.asInt() != 1)) {
          findings.add(where + " has weight " + weight + "; only 0 or 1 is allowed");
        }
      }
      assistant |= "assistant".equals(role);
    }
    if (!assistant) {
      findings.add("no assistant message");
    }
  }

  /** {@code messages} as chat turns; a system message becomes the chat's system text. */
  static Chat readMessages(JsonNode messages) {
    String system = null;
    List<ChatTurn> turns = new ArrayList<>();
    for (JsonNode message : messages) {
      String role = message.path("role").asText();
      String content = message.path("content").asText();
      if ("system".equals(role)) {
        system = content;
      } else {
        turns.add(new ChatTurn(role, content));
      }
    }
    return new Chat(system, turns, null);
  }

  /** Roles of the non-system turns, for alternation checks. */
  static List<String> roles(JsonNode messages, String roleKey) {
    List<String> roles = new ArrayList<>();
    for (JsonNode message : messages) {
      roles.add(message.path(roleKey).asText());
    }
    return roles;
  }
}
