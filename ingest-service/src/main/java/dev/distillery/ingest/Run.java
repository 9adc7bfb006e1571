package dev.distillery.ingest;

import dev.distillery.contracts.RunConfig;
import java.time.Instant;
import java.util.UUID;

/**
 * A batch of papers turned into one dataset with one config.
 *
 * @param name what the user called it, or null
 * @param closedAt when it stopped taking papers, null while open
 */
public record Run(UUID runId, String name, RunStatus status, RunConfig config, Instant createdAt, Instant closedAt) {}
