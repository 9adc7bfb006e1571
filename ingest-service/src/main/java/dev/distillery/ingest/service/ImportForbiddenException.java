package dev.distillery.ingest.service;

/** An import of a folder the configuration does not allow (403). */
public class ImportForbiddenException extends RuntimeException {
  public ImportForbiddenException(String message) {
    super(message);
  }
}
