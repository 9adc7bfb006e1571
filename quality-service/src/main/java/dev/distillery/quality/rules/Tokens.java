package dev.distillery.quality.rules;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Token counts in cl100k_base, the encoding of the models most datasets are trained for. */
public final class Tokens {
  private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

  private Tokens() {}

  public static int count(String text) {
    return CL100K.countTokens(text);
  }

  /**
   * The text's UTF-8 length: an upper bound of its token count (every token is at least one byte), which spares
   * counting tokens for texts that cannot reach a token limit.
   */
  static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }
}
