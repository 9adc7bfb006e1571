package dev.distillery.quality.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;

/** The quality gate's rules, score and dedup. */
@ConfigMapping(prefix = "quality")
public interface QualityConfig {

  /** Shortest instruction accepted, in characters. */
  @WithDefault("10")
  int minInstructionChars();

  /** Longest instruction accepted, in characters. */
  @WithDefault("4000")
  int maxInstructionChars();

  /** Longest instruction accepted, in cl100k_base tokens. */
  @WithDefault("1024")
  int maxInstructionTokens();

  /** Shortest output accepted, in characters. */
  @WithDefault("40")
  int minOutputChars();

  /** Longest output accepted, in characters. */
  @WithDefault("20000")
  int maxOutputChars();

  /** Shortest output accepted, in cl100k_base tokens. */
  @WithDefault("8")
  int minOutputTokens();

  /** Longest output accepted, in cl100k_base tokens. */
  @WithDefault("4096")
  int maxOutputTokens();

  /** Share (0..1) of the output's word 8-grams found in the source segment above which the output is a copy. */
  @WithDefault("0.9")
  double copyOverlap();

  /** Length in words of a verbatim run from the source segment that makes the output a copy. */
  @WithDefault("50")
  int copySpanWords();

  /**
   * Support (0..1) of a generated answer by its source segment (content words and word pairs found in it) below
   * which the sample is rejected as {@code ungrounded}. 0 turns the check off.
   */
  @WithDefault("0.2")
  double groundingThreshold();

  /**
   * Weight (0..1) of the embedding similarity between answer and source segment in the grounding support; the rest
   * is word overlap. 0 (the default) spares an embedding per sample: the in-process model does a few hundred a
   * second on two cores, far below the rules' thousands.
   */
  @WithDefault("0")
  double groundingEmbeddingWeight();

  /** Phrases (lower case) that mark an output as a refusal rather than an answer; English and German by default. */
  @WithDefault(
      "as an ai language model,as an ai model,as an ai assistant,i cannot help with,i can't help with,"
          + "i cannot assist,i can't assist,i'm sorry\\, but i,i am sorry\\, but i,i am unable to,i'm unable to,"
          + "i cannot provide,i can't provide,i apologize\\, but,i apologise\\, but,i'm not able to provide,"
          + "i am not able to provide,als ki-sprachmodell,als ki-modell,als künstliche intelligenz,als sprachmodell,"
          + "es tut mir leid\\, aber,tut mir leid\\, aber ich,ich kann dabei nicht helfen,"
          + "ich kann ihnen dabei nicht helfen,ich bin nicht in der lage,leider kann ich,entschuldigung\\, aber ich,"
          + "ich darf keine")
  List<String> refusalPhrases();

  /** Duplicate detection among the samples the rules accepted. */
  Dedup dedup();

  interface Dedup {
    /** Whether duplicates are looked for at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether a sample is also compared with the samples of earlier runs (then the first run to produce a text
     * keeps it), rather than only with its own run's.
     */
    @WithDefault("false")
    boolean acrossRuns();

    /** Semantic duplicates: the same question and answer in other words, by sentence-embedding similarity. */
    Semantic semantic();

    interface Semantic {
      /**
       * Whether samples that are neither exact nor near duplicates are compared by embedding. Off by default: it
       * costs an embedding per sample (a few hundred per second on two cores).
       */
      @WithDefault("false")
      boolean enabled();

      /** Cosine similarity of the embeddings of instruction and answer at or above which a sample is a paraphrase. */
      @WithDefault("0.85")
      double threshold();
    }

    /** Near duplicates: MinHash over word shingles with LSH. */
    Near near();

    interface Near {
      /** Estimated Jaccard similarity of word shingles at or above which a sample is a near duplicate. */
      @WithDefault("0.8")
      double threshold();

      /** LSH bands of the 128-value signature (rows per band = 128 / bands); must divide 128. */
      @WithDefault("16")
      int bands();

      /** Words per shingle. */
      @WithName("shingle-words")
      @WithDefault("3")
      int shingleWords();
    }
  }
}
