package dev.distillery.ingest.service;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One or more posted papers cannot be ingested; nothing of the request was stored. The status is the first
 * rejection's: 400 empty, 413 too large, 415 not UTF-8 text, 422 no text once parsed.
 */
public class PaperRejectedException extends RuntimeException {

  /** Why one file was refused. */
  public record Rejection(String fileName, int status, String reason) {}

  private final List<Rejection> rejections;

  public PaperRejectedException(List<Rejection> rejections) {
    super(message(rejections));
    this.rejections = List.copyOf(rejections);
  }

  public int status() {
    return rejections.get(0).status();
  }

  private static String message(List<Rejection> rejections) {
    if (rejections.size() == 1) {
      return rejections.get(0).fileName() + ": " + rejections.get(0).reason();
    }
    return rejections.size() + " files rejected, nothing stored: "
        + rejections.stream().map(r -> r.fileName() + ": " + r.reason()).collect(Collectors.joining("; "));
  }
}
