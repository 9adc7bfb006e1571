package dev.distillery.generation.service.offline;

/** A task the offline templates cannot answer honestly; the message says why and what to do instead. */
public class OfflineUnsupportedException extends RuntimeException {
  public OfflineUnsupportedException(String message) {
    super(message);
  }
}
