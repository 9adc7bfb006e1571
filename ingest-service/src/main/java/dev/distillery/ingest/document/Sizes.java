package dev.distillery.ingest.document;

import java.util.Locale;

/** Byte counts as people write them. */
public final class Sizes {
  private static final long MB = 1024 * 1024;

  private Sizes() {}

  /** {@code 50 MB} for a whole number of mebibytes, {@code 1.5 MB}, or {@code 300 bytes}. */
  public static String format(long bytes) {
    if (bytes >= MB) {
      return bytes % MB == 0
          ? (bytes / MB) + " MB"
          : String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }
    if (bytes >= 1024) {
      return bytes % 1024 == 0 ? (bytes / 1024) + " KB" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return bytes + " bytes";
  }
}
