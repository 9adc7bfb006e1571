package dev.distillery.commons.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows whose send was never confirmed: events written by a REST call just before a crash,
 * or whose broker acknowledgement never came. Downstream consumers drop the duplicates this may cause.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;

  @Inject Outbox outbox;
  @Inject EventPublisher publisher;
  @Inject MessagingConfig config;
  @Inject Vertx vertx;

  private final AtomicBoolean running = new AtomicBoolean();
  private long timerId = -1;

  void start(@Observes StartupEvent startup) {
    long interval = config.relayInterval().toMillis();
    timerId = vertx.setPeriodic(interval, interval, id -> relay((int) Math.max(1, interval / 1000)));
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  private void relay(int olderThanSeconds) {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    outbox
        .unsent(olderThanSeconds, BATCH)
        .flatMap(
            pending -> {
              if (!pending.isEmpty()) {
                LOG.infof("relaying %d outbox events whose send was not confirmed", pending.size());
              }
              return publisher.publish(pending);
            })
        .subscribe()
        .with(ok -> running.set(false), failure -> {
          running.set(false);
          LOG.warnf("outbox relay failed, will try again: %s", failure.getMessage());
        });
  }
}
