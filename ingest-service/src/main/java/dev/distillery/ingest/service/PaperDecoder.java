package dev.distillery.ingest.service;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Turns an uploaded file into text, or says in words why it is not a Markdown paper. */
final class PaperDecoder {

  /** Why a file was refused, with the HTTP status that says so. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  private PaperDecoder() {}

  static String decode(byte[] bytes, int maxBytes) {
    if (bytes.length == 0) {
      throw new Refused(400, "the file is empty");
    }
    if (bytes.length > maxBytes) {
      throw new Refused(413, "the file is " + mib(bytes.length) + "; the limit is " + mib(maxBytes)
          + " (ingest.max-paper-bytes)");
    }
    if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
        || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      throw new Refused(415, "the file is UTF-16 text; send it as UTF-8");
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new Refused(415, "the file is binary, not Markdown text (NUL byte at offset " + i + ")");
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new Refused(415, "the file is not UTF-8 text (invalid byte at offset " + in.position() + ")");
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / (1024.0 * 1024.0), bytes);
  }
}
