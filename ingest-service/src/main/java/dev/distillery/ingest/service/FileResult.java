package dev.distillery.ingest.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.distillery.contracts.SourceStatus;
import dev.distillery.ingest.document.DocumentRejected;
import java.util.List;

/**
 * What became of one offered file: {@code accepted} with what it became, or {@code rejected} with why.
 *
 * @param paperId the paper it became; for a duplicate, the paper it repeats
 * @param segments how many chunks (segments) the paper was cut into
 * @param extractedPairs how many Q&amp;A pairs were mined from it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileResult(
    String file,
    String status,
    String reason,
    String paperId,
    String title,
    String mediaType,
    long bytes,
    int segments,
    int extractedPairs,
    String language,
    List<String> flags,
    @JsonIgnore DocumentRejected.Reason rejection) {

  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";

  public static FileResult rejected(String file, long bytes, String mediaType, String paperId, DocumentRejected why) {
    return new FileResult(file, REJECTED, why.getMessage(), paperId, null, mediaType, bytes, 0, 0, null, null,
        why.reason());
  }

  @JsonIgnore
  public boolean isAccepted() {
    return ACCEPTED.equals(status);
  }

  public SourceStatus toSourceStatus() {
    return new SourceStatus(file, isAccepted(), reason, isAccepted() ? paperId : null, mediaType, bytes, segments,
        extractedPairs);
  }
}
