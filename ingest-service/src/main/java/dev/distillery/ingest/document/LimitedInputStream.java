package dev.distillery.ingest.document;

import dev.distillery.ingest.document.DocumentRejected.Reason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what passes and stops at a limit: a file is refused the moment it grows past the limit, before the rest of
 * it is read, instead of being read whole and measured afterwards.
 */
public final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private long count;
  private long mark;

  public LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  public long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    add(skipped);
    return skipped;
  }

  @Override
  public synchronized void mark(int readLimit) {
    super.mark(readLimit);
    mark = count;
  }

  @Override
  public synchronized void reset() throws IOException {
    super.reset();
    count = mark;
  }

  private void add(long n) {
    count += n;
    if (count > limit) {
      throw new DocumentRejected(Reason.TOO_LARGE, "larger than " + Sizes.format(limit));
    }
  }
}
