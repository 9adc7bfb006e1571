package dev.distillery.generation.messaging;

import dev.distillery.commons.messaging.EventConsumer;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.InvalidEventException;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.generation.GeneratedSample;
import dev.distillery.generation.repository.PromptRepository;
import dev.distillery.generation.repository.SampleRepository;
import dev.distillery.generation.service.PromptAnswerer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * prompt.ready in, sample.generated out.
 *
 * <p>The model is called first, on a {@code generation-workers} thread and outside any transaction: a call
 * takes seconds, and a transaction held open that long would pin a pooled connection and its row locks per
 * prompt in flight. Only then does {@link EventConsumer} claim the event, store the sample and write the event
 * to the outbox, in one short transaction. Its retries of that transaction re-use the answer already in hand;
 * a prompt delivered again finds its stored sample and is not paid for twice. Prompts are independent, so
 * they are answered concurrently and out of order, up to {@code generation.worker.concurrency} at once.
 *
 * <p>In a teacher–student run, the sample that completes a paper's teacher prompts also releases the paper's
 * student prompts, in the same transaction: they are published with it, and only once.
 */
@ApplicationScoped
public class PromptReadyConsumer {
  @Inject EventConsumer consumer;
  @Inject EventCodec codec;
  @Inject PromptAnswerer answerer;
  @Inject SampleRepository samples;
  @Inject PromptRepository prompts;
  @Inject MeterRegistry registry;

  @Incoming("prompt-ready")
  @Blocking(value = "generation-workers", ordered = false)
  public Uni<Void> consume(Message<String> message) {
    GeneratedSample answer = read(message).map(answerer::answer).orElse(null);
    return consumer.consume(
        message, EventType.PROMPT_READY, (PromptReady prompt, SqlConnection tx) -> store(prompt, answer, tx));
  }

  /** An unreadable event costs no model call; {@link EventConsumer} dead-letters it with the reason. */
  private Optional<PromptReady> read(Message<String> message) {
    try {
      return Optional.of(codec.read(EventType.PROMPT_READY, message.getPayload()));
    } catch (InvalidEventException e) {
      return Optional.empty();
    }
  }

  private Uni<List<? extends DistilleryEvent>> store(PromptReady prompt, GeneratedSample answer, SqlConnection tx) {
    return samples
        .save(tx, prompt, answer)
        .flatMap(stored -> prompts.releaseStudents(tx, prompt.paperId(), prompt.promptId())
            .map(students -> events(prompt, stored, students)));
  }

  private List<DistilleryEvent> events(PromptReady prompt, SampleRepository.Stored stored, List<PromptReady> students) {
    List<DistilleryEvent> events = new ArrayList<>(1 + students.size());
    events.add(sample(prompt, stored));
    events.addAll(students);
    return events;
  }

  private SampleGenerated sample(PromptReady prompt, SampleRepository.Stored stored) {
    GeneratedSample sample = stored.sample();
    if (stored.inserted()) {
      registry.counter(
              "distillery.samples.generated", "generator", sample.generation().generator(),
              "status", sample.status().name().toLowerCase(Locale.ROOT))
          .increment();
    }
    return SampleGenerated.of(
            prompt, sample.status(), sample.instruction(), sample.input(), sample.output(), sample.failureReason(),
            sample.generation(), sample.reasoning(), sample.rawOutput(), Instant.now())
        .withConversation(sample.conversation());
  }
}
