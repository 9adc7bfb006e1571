package dev.distillery.ingest.document;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text written to steer a language model rather than to inform a reader. It stays in the paper — it is the paper's
 * content, and a dataset may well need to contain it — but the paper is flagged so that quality-service can watch the
 * samples made from it.
 */
final class PromptInjection {
  static final String FLAG = "prompt-injection";

  private static final Pattern PATTERN = Pattern.compile(
      "(?i)\\b(?:ignore|disregard|forget|override)\\s+(?:all\\s+|any\\s+)?(?:of\\s+)?(?:the\\s+|your\\s+)?"
          + "(?:previous|prior|above|earlier|preceding|system)\\s+(?:instructions?|prompts?|rules|directions)"
          + "|\\byou\\s+are\\s+now\\s+(?:in\\s+)?(?:DAN|developer\\s+mode|jailbroken|unrestricted)"
          + "|\\breveal\\s+(?:your|the)\\s+(?:system\\s+prompt|hidden\\s+instructions)"
          + "|<\\|im_start\\|>|<\\|system\\|>|\\[/?INST]|<<SYS>>"
          + "|\\bnew\\s+instructions\\s*:"
          + "|\\b(?:do\\s+not|don't)\\s+follow\\s+(?:your|the)\\s+(?:previous\\s+|original\\s+)?(?:instructions|rules)");

  /** Where a match can begin: the pattern is tried only there, not at every character of a long paper. */
  private static final List<String> TRIGGERS = List.of("ignore", "disregard", "forget", "override", "you are now",
      "reveal", "<|im_start|>", "<|system|>", "[inst]", "[/inst]", "<<sys>>", "new instructions", "do not follow",
      "don't follow");
  private static final int WINDOW = 200;

  private PromptInjection() {}

  static boolean present(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.length() != text.length()) {
      return PATTERN.matcher(text).find();
    }
    Matcher matcher = PATTERN.matcher(text);
    for (String trigger : TRIGGERS) {
      for (int at = lower.indexOf(trigger); at >= 0; at = lower.indexOf(trigger, at + 1)) {
        if (matcher.region(at, Math.min(text.length(), at + WINDOW)).lookingAt()) {
          return true;
        }
      }
    }
    return false;
  }
}
