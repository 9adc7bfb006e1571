package dev.distillery.ingest.document;

import dev.distillery.ingest.document.DocumentRejected.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a text file into a string in one pass, with line ends normalised to LF.
 *
 * <p>Encoding: a UTF-8 BOM is dropped; a UTF-16 BOM (LE or BE) switches to UTF-16. Without a BOM the file must be
 * UTF-8 — with one allowance: a file whose first invalid byte comes before any multi-byte UTF-8 character is taken to
 * be a single-byte legacy file (Latin-1 and its Windows superset are by far the most common) and is decoded as
 * windows-1252 from there on; the result then says so and the paper is flagged. A file that has already shown valid
 * multi-byte UTF-8 and then an invalid byte is damaged, not legacy, and is refused with the byte's offset rather
 * than turned into mojibake. A NUL byte means binary data: refused with its offset.
 */
public final class TextDecoder {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** The decoded text, and whether the windows-1252 allowance was used. */
  public record Decoded(String text, boolean legacyEncoding) {}

  private TextDecoder() {}

  public static Decoded decode(InputStream in) {
    try {
      return new Run(in).decode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Run {
    private final InputStream in;
    private final StringBuilder out = new StringBuilder();
    private final CharBuffer chars = CharBuffer.allocate(64 * 1024);
    private long consumed;
    private boolean sawMultiByte;
    private boolean legacy;
    private boolean pendingCr;

    Run(InputStream in) {
      this.in = in;
    }

    Decoded decode() throws IOException {
      ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
      int first = in.readNBytes(bytes.array(), 0, bytes.capacity());
      bytes.limit(first);
      boolean eof = first < bytes.capacity();
      CharsetDecoder decoder = strict(StandardCharsets.UTF_8);
      boolean utf16 = false;
      if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
        skip(bytes, 3);
      } else if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
        decoder = strict(bytes.get(0) == (byte) 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        skip(bytes, 2);
        utf16 = true;
      }
      while (true) {
        if (!utf16) {
          checkNul(bytes);
        }
        int before = bytes.position();
        CoderResult result = decoder.decode(bytes, chars, eof);
        consumed += bytes.position() - before;
        drain();
        if (result.isError()) {
          decoder = afterError(bytes, utf16);
          continue;
        }
        if (result.isOverflow()) {
          continue;
        }
        if (eof) {
          while (decoder.flush(chars).isOverflow()) {
            drain();
          }
          drain();
          if (pendingCr) {
            out.append('\n');
          }
          return new Decoded(out.toString(), legacy);
        }
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
          eof = true;
        } else {
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
      }
    }

    private CharsetDecoder afterError(ByteBuffer bytes, boolean utf16) {
      if (utf16) {
        throw new DocumentRejected(Reason.NOT_TEXT, "not valid UTF-16 text: invalid bytes at offset " + consumed);
      }
      if (sawMultiByte || legacy) {
        throw new DocumentRejected(Reason.NOT_TEXT, String.format(Locale.ROOT,
            "not valid UTF-8: invalid byte 0x%02X at offset %d", bytes.get(bytes.position()) & 0xFF, consumed));
      }
      legacy = true;
      return WINDOWS_1252.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    private void checkNul(ByteBuffer bytes) {
      for (int i = bytes.position(); i < bytes.limit(); i++) {
        if (bytes.get(i) == 0) {
          throw new DocumentRejected(Reason.NOT_TEXT,
              "not text: NUL byte at offset " + (consumed + i - bytes.position()) + " (binary data)");
        }
      }
    }

    private void drain() {
      chars.flip();
      while (chars.hasRemaining()) {
        char c = chars.get();
        if (c > 0x7F && !legacy) {
          sawMultiByte = true;
        }
        if (pendingCr) {
          pendingCr = false;
          out.append('\n');
          if (c == '\n') {
            continue;
          }
        }
        if (c == '\r') {
          pendingCr = true;
        } else {
          out.append(c);
        }
      }
      chars.clear();
    }

    private static boolean startsWith(ByteBuffer bytes, int... prefix) {
      if (bytes.remaining() < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if ((bytes.get(bytes.position() + i) & 0xFF) != prefix[i]) {
          return false;
        }
      }
      return true;
    }

    private void skip(ByteBuffer bytes, int n) {
      bytes.position(bytes.position() + n);
      consumed += n;
    }
  }

  private static CharsetDecoder strict(Charset charset) {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
