package dev.distillery.quality.rules;

import java.util.List;

/**
 * The limits and thresholds of the rules (the service fills them from {@code quality.*} config, the CLI from its
 * options; {@link #defaults()} documents the defaults).
 *
 * @param copyOverlap share of the output's word 8-grams found in the source above which the output is a copy
 * @param copySpanWords length in words of a verbatim run from the source that makes the output a copy
 * @param groundingThreshold support (0..1) below which a generated answer counts as not backed by its source
 * @param refusalPhrases lower-case phrases that mark a refusal, in every language we check
 */
public record RuleSettings(
    int minInstructionChars,
    int maxInstructionChars,
    int minOutputChars,
    int maxOutputChars,
    int maxInstructionTokens,
    int minOutputTokens,
    int maxOutputTokens,
    double copyOverlap,
    int copySpanWords,
    double groundingThreshold,
    List<String> refusalPhrases) {

  /** English and German refusals and apologies that replace an answer. */
  public static final List<String> REFUSAL_PHRASES =
      List.of("as an ai language model", "as an ai model", "as an ai assistant", "i cannot help with",
          "i can't help with", "i cannot assist", "i can't assist", "i'm sorry, but i", "i am sorry, but i",
          "i am unable to", "i'm unable to", "i cannot provide", "i can't provide", "i apologize, but",
          "i apologise, but", "i'm not able to provide", "i am not able to provide",
          "als ki-sprachmodell", "als ki-modell", "als künstliche intelligenz", "als sprachmodell",
          "es tut mir leid, aber", "tut mir leid, aber ich", "ich kann dabei nicht helfen",
          "ich kann ihnen dabei nicht helfen", "ich bin nicht in der lage", "leider kann ich",
          "entschuldigung, aber ich", "ich darf keine");

  public RuleSettings {
    refusalPhrases = refusalPhrases == null ? REFUSAL_PHRASES : List.copyOf(refusalPhrases);
  }

  public static RuleSettings defaults() {
    return new RuleSettings(10, 4000, 40, 20000, 1024, 8, 4096, 0.9, 50, 0.2, REFUSAL_PHRASES);
  }
}
