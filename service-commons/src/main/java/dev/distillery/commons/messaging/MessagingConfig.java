package dev.distillery.commons.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How consumers retry and how the outbox relay catches up. */
@ConfigMapping(prefix = "distillery.messaging")
public interface MessagingConfig {

  /** Attempts at a transient failure (database or broker unreachable) before the event is dead-lettered. */
  @WithDefault("12")
  int maxAttempts();

  /** First back-off between attempts; doubles up to {@link #maxBackoff()}. */
  @WithDefault("200ms")
  Duration initialBackoff();

  @WithDefault("10s")
  Duration maxBackoff();

  /** How often the relay looks for outbox rows whose send was never confirmed. */
  @WithDefault("10s")
  Duration relayInterval();
}
