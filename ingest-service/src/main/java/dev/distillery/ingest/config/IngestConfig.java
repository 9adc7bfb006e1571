package dev.distillery.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How papers are accepted and cut into segments. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

  /** Segments shorter than this many characters are merged into the next one (the last into the previous one). */
  @WithDefault("1000")
  int minSegmentChars();

  /** Largest paper accepted, in bytes; a larger file is refused with 413. */
  @WithDefault("4194304")
  int maxPaperBytes();

  /**
   * How long a request waits for the broker to confirm the events it caused before answering anyway; the events
   * are committed in the outbox, and the relay sends whatever was not confirmed.
   */
  @WithDefault("10s")
  Duration publishTimeout();
}
