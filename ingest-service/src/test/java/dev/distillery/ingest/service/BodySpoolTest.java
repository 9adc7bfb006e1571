package dev.distillery.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.ingest.document.DocumentRejected.Reason;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BodySpoolTest {

  /** An endless body: only a cap enforced while reading can end it. */
  private static InputStream endless(AtomicLong served) {
    return new InputStream() {
      @Override
      public int read() {
        served.incrementAndGet();
        return 'a';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        served.addAndGet(len);
        java.util.Arrays.fill(b, off, off + len, (byte) 'a');
        return len;
      }
    };
  }

  @Test
  void aBodyPastTheLimitIsRefusedWhileItIsReadAndLeavesNoFile() {
    AtomicLong served = new AtomicLong();

    SourceFile file = BodySpool.spool("huge.md", endless(served), 1024 * 1024);

    assertThat(file.path()).isNull();
    assertThat(file.refused().reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(file.refused().getMessage()).isEqualTo("larger than 1 MB");
    assertThat(served.get()).isLessThan(2 * 1024 * 1024);
  }

  @Test
  void aBodyWithinTheLimitIsStoredWhole() throws Exception {
    SourceFile file = BodySpool.spool("small.md", InputStream.nullInputStream(), 10);
    try {
      assertThat(file.refused()).isNull();
      assertThat(Files.size(file.path())).isZero();
    } finally {
      BodySpool.delete(file.path());
    }
  }
}
