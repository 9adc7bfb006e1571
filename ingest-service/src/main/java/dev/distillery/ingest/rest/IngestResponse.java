package dev.distillery.ingest.rest;

import dev.distillery.ingest.service.IngestedPaper;
import java.util.List;
import java.util.UUID;

/** The answer to a paper upload: one entry per posted file, in the order they were sent. */
public record IngestResponse(UUID runId, List<IngestedPaper> papers) {}
