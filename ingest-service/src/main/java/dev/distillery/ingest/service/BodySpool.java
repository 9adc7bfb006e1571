package dev.distillery.ingest.service;

import dev.distillery.ingest.document.DocumentRejected;
import dev.distillery.ingest.document.LimitedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a request body to a temporary file as it arrives, counting: past the limit it stops reading and the file is
 * refused. On disk the body is hashed and parsed like an upload, and never held in memory.
 */
public final class BodySpool {

  private BodySpool() {}

  /** The body as a stored file, or as a refused one when it passed the limit. */
  public static SourceFile spool(String name, InputStream body, long limit) {
    Path file;
    try {
      file = Files.createTempFile("ingest-body-", ".bin");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for the request body", e);
    }
    LimitedInputStream in = new LimitedInputStream(body, limit);
    try (OutputStream out = Files.newOutputStream(file)) {
      in.transferTo(out);
      return SourceFile.stored(name, file, in.count());
    } catch (DocumentRejected tooLarge) {
      delete(file);
      return SourceFile.refused(name, in.count(), tooLarge);
    } catch (IOException e) {
      delete(file);
      throw new UncheckedIOException("the request body could not be read to its end", e);
    }
  }

  public static void delete(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the temporary file " + file, e);
    }
  }
}
