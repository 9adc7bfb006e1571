package dev.distillery.ingest.rest;

import dev.distillery.ingest.service.FileResult;
import java.util.List;
import java.util.UUID;

/**
 * The answer to an upload or an import: one result per file, in the order they were offered.
 *
 * @param accepted how many files became papers
 * @param rejected how many did not, each with its reason
 */
public record IngestResponse(UUID runId, long accepted, long rejected, List<FileResult> files) {

  static IngestResponse of(UUID runId, List<FileResult> files) {
    long accepted = files.stream().filter(FileResult::isAccepted).count();
    return new IngestResponse(runId, accepted, files.size() - accepted, files);
  }
}
