package dev.distillery.generation.client;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Token counts with the cl100k_base encoding: exact for the OpenAI models it belongs to, and close enough for
 * others to plan a budget with. Thread-safe.
 */
public final class Tokens {
  private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  /** Framing every chat message adds (role, separators), as OpenAI's cookbook counts it. */
  private static final int PER_MESSAGE = 4;

  private Tokens() {}

  public static int count(String text) {
    return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
  }

  /** The tokens a system and a user message take as a prompt. */
  public static int prompt(String system, String user) {
    return count(system) + count(user) + 2 * PER_MESSAGE + 3;
  }

  /**
   * The prompt's tokens, counted exactly only when it matters: when money is at stake ({@code exact}), or when the
   * prompt might not fit in {@code room} tokens (two characters a token is a safe bound for it). Otherwise four
   * characters a token: counting costs more CPU than the rest of a request, and the token bucket is corrected
   * with the provider's own count anyway.
   */
  public static int prompt(String system, String user, boolean exact, int room) {
    long chars = (long) system.length() + user.length();
    if (exact || chars / 2 > room) {
      return prompt(system, user);
    }
    return (int) ((chars + 3) / 4) + 2 * PER_MESSAGE + 3;
  }
}
