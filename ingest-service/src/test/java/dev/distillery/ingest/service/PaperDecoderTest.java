package dev.distillery.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaperDecoderTest {
  private static final int LIMIT = 64;

  @Test
  void readsUtf8Text() {
    assertThat(PaperDecoder.decode("# Über «Papers» — 論文\n".getBytes(StandardCharsets.UTF_8), LIMIT))
        .isEqualTo("# Über «Papers» — 論文\n");
  }

  @Test
  void refusesEmptyTooLargeBinaryAndNonUtf8Files() {
    assertRefused(new byte[0], 400, "the file is empty");
    assertRefused(new byte[LIMIT + 1], 413, "the limit is 0.0 MiB (64 bytes)");
    assertRefused(new byte[] {'%', 'P', 'D', 'F', 0, 1}, 415, "binary, not Markdown text (NUL byte at offset 4)");
    assertRefused(new byte[] {'a', 'b', (byte) 0xC3, '(', 'c'}, 415, "not UTF-8 text (invalid byte at offset 2)");
    assertRefused(new byte[] {(byte) 0xFF, (byte) 0xFE, '#', 0}, 415, "UTF-16");
  }

  private static void assertRefused(byte[] bytes, int status, String reason) {
    assertThatThrownBy(() -> PaperDecoder.decode(bytes, LIMIT))
        .isInstanceOfSatisfying(PaperDecoder.Refused.class, r -> assertThat(r.status).isEqualTo(status))
        .hasMessageContaining(reason);
  }
}
