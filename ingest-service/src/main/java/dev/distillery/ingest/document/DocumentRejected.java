package dev.distillery.ingest.document;

/**
 * A file that cannot become a paper, with a reason a user understands. Cheap to throw: no stack trace, the reason
 * says it all.
 */
public class DocumentRejected extends RuntimeException {
  private final Reason reason;

  public DocumentRejected(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Why, as a short code: the tag of the rejections metric and the HTTP status of a single upload. */
  public enum Reason {
    EMPTY("empty", 400),
    TOO_LARGE("too-large", 413),
    NOT_A_DOCUMENT("not-a-document", 415),
    NOT_TEXT("not-text", 415),
    UNREADABLE("unreadable", 422),
    NO_TEXT("no-text", 422),
    TOO_MUCH_TEXT("too-much-text", 413),
    NO_PAIRS("no-pairs", 422),
    TIMEOUT("timeout", 422),
    PARSER_FAILED("parser-failed", 422),
    DUPLICATE("duplicate", 409);

    private final String code;
    private final int status;

    Reason(String code, int status) {
      this.code = code;
      this.status = status;
    }

    public String code() {
      return code;
    }

    public int status() {
      return status;
    }
  }
}
