package dev.distillery.quality.rules;

/**
 * Why a sample is rejected. The code (e.g. {@code too-short}) starts every reason string and is the {@code reason}
 * tag of the rejection metric, so it never changes; the text after it is for people.
 */
public enum Reason {
  MISSING_FIELD("missing-field"),
  TOO_SHORT("too-short"),
  TOO_LONG("too-long"),
  REFUSAL("refusal"),
  TRUNCATED("truncated"),
  PLACEHOLDER("placeholder"),
  REPEATS_INSTRUCTION("repeats-instruction"),
  COPIES_SOURCE("copies-source"),
  WRONG_LANGUAGE("wrong-language"),
  ROLE_MARKER("role-marker"),
  INJECTION_ECHO("injection-echo"),
  MALFORMED_CODE("malformed-code"),
  UNGROUNDED("ungrounded"),
  DUPLICATE("duplicate"),
  NEAR_DUPLICATE("near-duplicate"),
  SEMANTIC_DUPLICATE("semantic-duplicate"),
  MALFORMED_JSON("malformed-json"),
  GENERATION_FAILED("generation-failed");

  private final String code;

  Reason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The reason string for this code: {@code "<code>: <detail>"}. */
  public String because(String detail) {
    return code + ": " + detail;
  }

  /** The code a reason string starts with (the whole string for a reason written before codes existed). */
  public static String codeOf(String reason) {
    int colon = reason.indexOf(':');
    return colon < 0 ? reason : reason.substring(0, colon);
  }
}
