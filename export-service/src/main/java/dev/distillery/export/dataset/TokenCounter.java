package dev.distillery.export.dataset;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.distillery.contracts.ChatTurn;
import java.util.List;
import java.util.Locale;

/**
 * Counts tokens of chat examples the way OpenAI's data-prep notebook does: 3 tokens per message, plus the role and
 * content, plus 3 for the reply's priming. Special-token text such as {@code <|endoftext|>} in a sample is counted
 * as ordinary text, which is how it reaches a tokenizer inside a JSON field. Thread-safe.
 */
public final class TokenCounter {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  private static final int PER_MESSAGE = 3;
  private static final int PER_EXAMPLE = 3;

  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /** {@code cl100k_base} or {@code o200k_base}. */
  public static TokenCounter of(String encodingName) {
    EncodingType type =
        switch (encodingName.toLowerCase(Locale.ROOT)) {
          case "cl100k_base" -> EncodingType.CL100K_BASE;
          case "o200k_base" -> EncodingType.O200K_BASE;
          default -> throw new IllegalArgumentException(
              "unknown token encoding '" + encodingName + "': cl100k_base or o200k_base");
        };
    return new TokenCounter(REGISTRY.getEncoding(type));
  }

  public String name() {
    return encoding.getName();
  }

  public int count(String text) {
    return text == null ? 0 : encoding.countTokensOrdinary(text);
  }

  /** Tokens of a whole example: an optional system message and the turns. */
  public int chat(String system, List<ChatTurn> turns) {
    int tokens = PER_EXAMPLE;
    if (system != null && !system.isEmpty()) {
      tokens += PER_MESSAGE + count("system") + count(system);
    }
    for (ChatTurn turn : turns) {
      tokens += PER_MESSAGE + count(turn.role()) + count(turn.content());
    }
    return tokens;
  }

  /** The text cut to at most {@code maxTokens} tokens, at a token boundary. */
  public String truncate(String text, int maxTokens) {
    if (maxTokens <= 0) {
      return "";
    }
    IntArrayList kept = encoding.encodeOrdinary(text, maxTokens).getTokens();
    return encoding.decode(kept);
  }
}
