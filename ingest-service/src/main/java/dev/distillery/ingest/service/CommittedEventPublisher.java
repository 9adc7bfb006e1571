package dev.distillery.ingest.service;

import dev.distillery.commons.messaging.EventPublisher;
import dev.distillery.commons.messaging.OutboxMessage;
import dev.distillery.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends the events a REST call committed to the outbox. The state change is already durable, so a broker that
 * is slow or down does not fail the call: the outbox relay sends what was not confirmed.
 */
@ApplicationScoped
public class CommittedEventPublisher {
  private static final Logger LOG = Logger.getLogger(CommittedEventPublisher.class);

  @Inject EventPublisher publisher;
  @Inject IngestConfig config;

  public Uni<Void> publish(List<OutboxMessage> committed) {
    return publisher
        .publish(committed)
        .ifNoItem()
        .after(config.publishTimeout())
        .fail()
        .onFailure()
        .recoverWithUni(failure -> {
          LOG.warnf("%d committed events not confirmed by the broker yet, the outbox relay will send them: %s",
              committed.size(), failure.toString());
          return Uni.createFrom().voidItem();
        });
  }
}
