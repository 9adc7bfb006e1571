package dev.distillery.quality.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** The quality gate's rules. */
@ConfigMapping(prefix = "quality")
public interface QualityConfig {

  /** Shortest instruction accepted, in characters. */
  @WithDefault("10")
  int minInstructionChars();

  /** Longest instruction accepted, in characters. */
  @WithDefault("4000")
  int maxInstructionChars();

  /** Shortest output accepted, in characters. */
  @WithDefault("40")
  int minOutputChars();

  /** Longest output accepted, in characters. */
  @WithDefault("20000")
  int maxOutputChars();

  /**
   * Share (0..1) of the output's word 8-grams found in the source segment above which, when the output also
   * spans most of the segment, the output counts as a copy of its source.
   */
  @WithDefault("0.9")
  double copyOverlap();

  /** Phrases (lower case) that mark an output as a refusal rather than an answer. */
  @WithDefault(
      "as an ai language model,as an ai model,i cannot help with,i can't help with,i'm sorry\\, but i,"
          + "i am sorry\\, but i,i am unable to,i'm unable to,i cannot provide,i can't provide")
  List<String> refusalPhrases();
}
