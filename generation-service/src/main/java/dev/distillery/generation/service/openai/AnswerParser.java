package dev.distillery.generation.service.openai;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.distillery.contracts.ChatTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sample from a model's answer: a JSON object with {@code instruction}, {@code input} and
 * {@code output} (or, for conversations, a {@code conversation} array of turns), given raw, inside a Markdown code
 * fence, or after some prose; JSON with the usual slips (trailing commas, raw line breaks inside strings, single
 * quotes, comments) is repaired. Reasoning a model put in {@code <think>} tags is kept apart. Anything else is refused with a reason that says what was wrong and how
 * the answer began, so that a bad answer is never dropped silently. Thread-safe.
 */
public final class AnswerParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
              JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_JAVA_COMMENTS,
              JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .build();
  private static final Pattern THINKING = Pattern.compile("(?is)<think>(.*?)</think>");
  /**
   * A fenced block whose fences stand on lines of their own, so that a fence written inside a JSON string
   * (where its line breaks are escaped) is not taken for the end of the block.
   */
  private static final Pattern FENCE =
      Pattern.compile("(?ms)^[ \\t]*```[ \\t]*(json|JSON)?[ \\t]*\\n(.*?)\\n[ \\t]*```[ \\t]*$");
  private static final int SNIPPET = 80;

  private AnswerParser() {}

  /** @throws UnparseableAnswerException naming what is wrong with the answer */
  public static ParsedAnswer parse(String answer) {
    return parse(answer, false);
  }

  /**
   * @param conversation whether a multi-turn conversation was asked for rather than one instruction
   * @throws UnparseableAnswerException naming what is wrong with the answer
   */
  public static ParsedAnswer parse(String answer, boolean conversation) {
    if (answer == null || answer.isBlank()) {
      throw new UnparseableAnswerException("the answer is empty");
    }
    Matcher thinking = THINKING.matcher(answer);
    String reasoning = thinking.find() ? thinking.group(1).strip() : null;
    String text = THINKING.matcher(answer).replaceAll("").strip();
    JsonNode node = read(jsonObject(text), text);
    if (conversation) {
      return conversation(node, reasoning);
    }
    if (node == null || !node.isObject()) {
      String type = node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
      throw new UnparseableAnswerException(
          "the answer is a JSON " + type + ", not an object with instruction, input and output");
    }
    String instruction = text(node, "instruction", true);
    String input = text(node, "input", false);
    String output = text(node, "output", true);
    return new ParsedAnswer(instruction, input, output, List.of(), reasoning);
  }

  private static JsonNode read(String json, String text) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException strict) {
      try {
        return LENIENT.readTree(json);
      } catch (JsonProcessingException e) {
        JsonLocation at = strict.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        throw new UnparseableAnswerException(
            "the answer is not valid JSON" + where + " (" + strict.getOriginalMessage() + "); it begins: "
                + snippet(text));
      }
    }
  }

  /** Turns alternate user, assistant, user, …; the first user turn and its answer make instruction and output. */
  private static ParsedAnswer conversation(JsonNode node, String reasoning) {
    JsonNode turns = node != null && node.isObject() ? node.get("conversation") : node;
    if (turns == null || !turns.isArray() || turns.size() < 2) {
      throw new UnparseableAnswerException(
          "the answer has no \"conversation\" array of at least one user and one assistant turn");
    }
    List<ChatTurn> conversation = new ArrayList<>();
    for (JsonNode turn : turns) {
      if (!turn.isObject()) {
        throw new UnparseableAnswerException("turn " + (conversation.size() + 1) + " of the conversation is not an object");
      }
      String expected = conversation.size() % 2 == 0 ? "user" : "assistant";
      String role = text(turn, "role", true).toLowerCase(Locale.ROOT);
      if (!role.equals(expected)) {
        throw new UnparseableAnswerException(
            "turn " + (conversation.size() + 1) + " of the conversation is by \"" + role + "\", expected \""
                + expected + "\"");
      }
      conversation.add(new ChatTurn(role, text(turn, "content", true)));
    }
    if (conversation.size() % 2 == 1) {
      throw new UnparseableAnswerException("the conversation ends with a user turn that has no answer");
    }
    return new ParsedAnswer(
        conversation.get(0).content(), "", conversation.get(1).content(), conversation, reasoning);
  }

  /** The answer itself when it is JSON, else its first JSON or plain fenced block, else its outermost braces. */
  private static String jsonObject(String text) {
    if (text.startsWith("{") || text.startsWith("[")) {
      return text;
    }
    Matcher fence = FENCE.matcher(text);
    String candidate = fence.find() ? fence.group(2).strip() : text;
    if (candidate.startsWith("{") || candidate.startsWith("[")) {
      return candidate;
    }
    int open = candidate.indexOf('{');
    int close = candidate.lastIndexOf('}');
    if (open < 0 || close < open) {
      throw new UnparseableAnswerException("the answer holds no JSON object; it begins: " + snippet(text));
    }
    return candidate.substring(open, close + 1);
  }

  private static String text(JsonNode object, String field, boolean required) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new UnparseableAnswerException("the answer has no \"" + field + "\" field");
      }
      return "";
    }
    if (!value.isTextual()) {
      throw new UnparseableAnswerException(
          "the answer's \"" + field + "\" is " + kind(value) + ", expected a string");
    }
    String text = value.textValue().strip();
    if (required && text.isEmpty()) {
      throw new UnparseableAnswerException("the answer's \"" + field + "\" is empty");
    }
    return text;
  }

  private static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String snippet(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return "\"" + (oneLine.length() <= SNIPPET ? oneLine : oneLine.substring(0, SNIPPET) + "…") + "\"";
  }
}
