package dev.distillery.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.distillery.contracts.CloudEventHeaders;
import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PromptReady;
import dev.distillery.contracts.SourceRef;
import dev.distillery.contracts.TaskType;
import dev.distillery.contracts.Topics;
import dev.distillery.generation.GenerationRequest;
import dev.distillery.generation.client.AdaptiveLimiter;
import dev.distillery.generation.client.ChatCompletion;
import dev.distillery.generation.client.ChatRequest;
import dev.distillery.generation.client.ModelEndpoint;
import dev.distillery.generation.client.ModelSpec;
import dev.distillery.generation.client.OpenAiCompatibleClient;
import dev.distillery.generation.client.Tokens;
import dev.distillery.generation.service.openai.AnswerParser;
import dev.distillery.generation.service.openai.GenerationPrompt;
import dev.distillery.generation.service.openai.PromptTemplates;
import dev.distillery.testsupport.Infrastructure;
import dev.distillery.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Vertx;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How close generation-service's model path comes to what an endpoint can serve. A local OpenAI-compatible
 * server answers every request after a fixed latency L and holds at most C requests at once (one more gets a
 * 429), so it can serve at most C / L samples per second. The bench pushes prompts through the same code the
 * worker runs for each prompt — prompt rendering with the shipped templates, token count, {@link ModelEndpoint}
 * (adaptive limiter, Vert.x HTTP client, metrics), answer parsing — from as many threads as the worker pool
 * would have, and reports efficiency = achieved samples/s ÷ (C / L).
 *
 * <p>Not in the path here: Kafka and PostgreSQL (the service's per-prompt transaction), and the fault-tolerance
 * {@link Guard} (a pass-through stands in for it, as SmallRye's needs a CDI container; on success it only wraps
 * the call).
 *
 * <p>With {@code --end-to-end=true} the path is the whole service instead: prompt.ready events on a Kafka broker
 * in this JVM, the packaged generation-service ({@code --jar}, default
 * {@code generation-service/target/quarkus-app/quarkus-run.jar}) as its own process with an embedded PostgreSQL,
 * and sample.generated read back.
 *
 * <p>Options: {@code --prompts=N} (10000), {@code --warmup=N} (1000), {@code --latency-ms=L} (100),
 * {@code --capacity=C} (64), {@code --max-in-flight=M} (C), {@code --workers=W} (M + 16).
 */
public final class GenerationEfficiencyBench {
  private static final String ANSWER =
      "{\"instruction\": \"Why does the sieve use a running median?\", \"input\": \"\","
          + " \"output\": \"A running median ignores single spikes, unlike a moving average.\"}";

  private GenerationEfficiencyBench() {}

  public static void main(String[] args) {
    // The JDK server writes a response's headers and body in two sends; with Nagle's algorithm on, the body waits
    // for the client's delayed ACK of the headers (~40 ms on Linux) — a cost of this stand-in server, not of the
    // client under test. Real model servers (uvicorn, vLLM, Ollama) set TCP_NODELAY; so does this one.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    BenchMain.runAndExit(args, GenerationEfficiencyBench::run);
  }

  private static void run(Map<String, String> options) throws Exception {
    int prompts = Integer.parseInt(options.getOrDefault("prompts", "10000"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "1000"));
    int latencyMs = Integer.parseInt(options.getOrDefault("latency-ms", "100"));
    int capacity = Integer.parseInt(options.getOrDefault("capacity", "64"));
    int maxInFlight = Integer.parseInt(options.getOrDefault("max-in-flight", String.valueOf(capacity)));
    int workers = Integer.parseInt(options.getOrDefault("workers", String.valueOf(maxInFlight + 16)));

    if (Boolean.parseBoolean(options.getOrDefault("end-to-end", "false"))) {
      endToEnd(options, prompts, warmup, latencyMs, capacity, maxInFlight, workers);
      return;
    }
    FixedLatencyServer server = FixedLatencyServer.start(latencyMs, capacity);
    Vertx vertx = Vertx.vertx();
    try {
      ModelSpec spec =
          new ModelSpec("bench", "bench", "bench-model", server.baseUrl(), Optional.of("sk-bench"), 128_000, 0.15, 0.6,
              true, 0, 0, maxInFlight);
      OpenAiCompatibleClient client = new OpenAiCompatibleClient(vertx, spec, Duration.ofSeconds(60));
      ModelEndpoint endpoint =
          new ModelEndpoint(spec, client, new AdaptiveLimiter(maxInFlight, 0, 0), new PassThroughGuard(),
              new SimpleMeterRegistry(), Duration.ofMinutes(1), Duration.ofSeconds(1));
      PromptTemplates templates = new PromptTemplates(Optional.empty());

      System.out.printf("bench: L = %d ms, C = %d, ideal %.0f samples/s; max in flight %d, %d workers%n", latencyMs,
          capacity, capacity * 1000.0 / latencyMs, maxInFlight, workers);
      drive(endpoint, templates, workers, warmup);
      server.reset();
      long started = System.nanoTime();
      int generated = drive(endpoint, templates, workers, prompts);
      double seconds = (System.nanoTime() - started) / 1e9;
      double achieved = prompts / seconds;
      double ideal = capacity * 1000.0 / latencyMs;
      System.out.printf("bench: %d prompts (%d samples parsed) in %.2f s = %.0f samples/s%n", prompts, generated,
          seconds, achieved);
      System.out.printf("bench: server saw at most %d in flight, refused %d (429), adaptive limit at the end %d%n",
          server.maxInFlight.get(), server.refused.get(), endpoint.limiter().limit());
      System.out.printf("RESULT prompts=%d latency_ms=%d capacity=%d samples_per_s=%.1f efficiency=%.3f%n", prompts,
          latencyMs, capacity, achieved, achieved / ideal);
      client.close();
    } finally {
      vertx.close();
      server.stop();
    }
  }

  /**
   * The whole path: prompt.ready events on Kafka, the packaged service (its worker, PostgreSQL, outbox) and
   * sample.generated read back; the rate is taken from the samples' record timestamps after the warm-up ones.
   */
  private static void endToEnd(
      Map<String, String> options, int prompts, int warmup, int latencyMs, int capacity, int maxInFlight, int workers)
      throws Exception {
    Path jar = Path.of(options.getOrDefault("jar", "generation-service/target/quarkus-app/quarkus-run.jar"))
        .toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(jar + " not found: package generation-service first or pass --jar=PATH");
    }
    Infrastructure infra = TestInfrastructure.get();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String topic : List.of(Topics.PROMPT_READY, Topics.SAMPLE_GENERATED, Topics.PAPER_INGESTED,
          Topics.deadLetter(Topics.PROMPT_READY), Topics.deadLetter(Topics.PAPER_INGESTED))) {
        topics.add(new NewTopic(topic, 4, (short) 1));
      }
      admin.createTopics(topics).all().get();
    }
    String runId = UUID.randomUUID().toString();
    produce(infra, runId, warmup + prompts);
    FixedLatencyServer server = FixedLatencyServer.start(latencyMs, capacity);
    List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-Dgeneration.generator=openai", "-DOPENAI_API_KEY=sk-bench",
        "-Dgeneration.models.openai.base-url=" + server.baseUrl(), "-Dgeneration.models.openai.json-mode=true",
        "-Dgeneration.models.openai.rpm=0", "-Dgeneration.models.openai.tpm=0",
        "-Dgeneration.models.openai.max-in-flight=" + maxInFlight, "-Dgeneration.worker.concurrency=" + workers,
        "-Dmp.messaging.incoming.prompt-ready.max.poll.records=" + (2 * workers)));
    Path log = jar.getParent().getParent().resolve("bench-service.log");
    try (ServiceProcess service = ServiceProcess.start(jar, jvm, infra, log)) {
      service.awaitReady(Duration.ofMinutes(2));
      System.out.printf("bench: end to end, %d + %d prompt.ready on the topic, service pid %d (log %s)%n", warmup,
          prompts, service.pid(), log);
      long[] timestamps = awaitSamples(infra, warmup + prompts, Duration.ofMinutes(20));
      Arrays.sort(timestamps);
      double seconds = (timestamps[timestamps.length - 1] - timestamps[Math.max(0, warmup - 1)]) / 1000.0;
      double achieved = prompts / seconds;
      double ideal = capacity * 1000.0 / latencyMs;
      System.out.printf("bench: server saw at most %d in flight, refused %d (429)%n", server.maxInFlight.get(),
          server.refused.get());
      System.out.printf("RESULT end_to_end prompts=%d latency_ms=%d capacity=%d samples_per_s=%.1f efficiency=%.3f%n",
          prompts, latencyMs, capacity, achieved, achieved / ideal);
    } finally {
      server.stop();
    }
  }

  private static void produce(Infrastructure infra, String runId, int count) {
    EventCodec codec = new EventCodec();
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < count; i++) {
        PromptReady event = prompt(runId, i);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PROMPT_READY, event.key(), codec.toJson(event));
        CloudEventHeaders.of(event, "/distillery/bench")
            .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
      }
      producer.flush();
    }
  }

  /** Reads sample.generated from the beginning until every prompt has its sample; returns their timestamps. */
  private static long[] awaitSamples(Infrastructure infra, int expected, Duration timeout) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        partitions.add(new TopicPartition(Topics.SAMPLE_GENERATED, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Set<String> ids = new HashSet<>();
      long[] timestamps = new long[expected];
      long deadline = System.nanoTime() + timeout.toNanos();
      while (ids.size() < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + ids.size() + " of " + expected + " samples within " + timeout);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
          Header id = record.headers().lastHeader(CloudEventHeaders.ID);
          if (id != null && ids.size() < expected && ids.add(new String(id.value(), StandardCharsets.UTF_8))) {
            timestamps[ids.size() - 1] = record.timestamp();
          }
        }
      }
      return timestamps;
    }
  }

  /** Answers {@code count} prompts from {@code workers} threads, as the worker pool does; returns the parsed ones. */
  private static int drive(ModelEndpoint endpoint, PromptTemplates templates, int workers, int count)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger parsed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    String runId = UUID.randomUUID().toString();
    for (int w = 0; w < workers; w++) {
      pool.execute(
          () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
              GenerationPrompt messages = GenerationPrompt.of(GenerationRequest.of(prompt(runId, i)), templates, 12_000);
              ChatCompletion completion =
                  endpoint.complete(
                      new ChatRequest(messages.system(), messages.user(), 0.7, 1500, true,
                          Tokens.prompt(messages.system(), messages.user(), false, 128_000 - 1500)));
              if (AnswerParser.parse(completion.text()).output() != null) {
                parsed.incrementAndGet();
              }
            }
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the prompts were not answered within 30 minutes");
    }
    return parsed.get();
  }

  /** A prompt of realistic size: a 2,500-character section of a paper. */
  private static PromptReady prompt(String runId, int i) {
    String paperId = Ids.paper(runId, Ids.sha256(("paper " + i / 8).getBytes(StandardCharsets.UTF_8)));
    String segmentId = Ids.segment(paperId, i % 8);
    String text = ("Section " + i + ". The sieve keeps a rolling window per channel and replaces outliers with robust"
        + " estimates, so downstream models see clean data without waiting for a batch job. ").repeat(14);
    return PromptReady.of(
        runId, paperId, segmentId, Ids.prompt(segmentId, TaskType.QA, i), TaskType.QA, i % 8, 8,
        "A library that filters sensor streams as they arrive.",
        new SourceRef("Streaming outlier filtering", "bench.md", "Design", text), Instant.now());
  }

  /** Answers after a fixed latency, holding at most {@code capacity} requests; one more gets a 429 at once. */
  private static final class FixedLatencyServer {
    private final HttpServer server;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Semaphore slots;
    private final int latencyMs;
    private final byte[] answer;
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    private FixedLatencyServer(HttpServer server, int latencyMs, int capacity) {
      this.server = server;
      this.latencyMs = latencyMs;
      this.slots = new Semaphore(capacity);
      this.answer =
          ("{\"model\": \"bench-model\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
                  + " \"content\": " + quote(ANSWER) + "}}], \"usage\": {\"prompt_tokens\": 700,"
                  + " \"completion_tokens\": 40}}")
              .getBytes(StandardCharsets.UTF_8);
    }

    static FixedLatencyServer start(int latencyMs, int capacity) throws IOException {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
      FixedLatencyServer server = new FixedLatencyServer(http, latencyMs, capacity);
      // The handler only reads the request and schedules the answer: it runs on the dispatcher thread, so that the
      // server adds no thread hand-off of its own to what is measured.
      http.setExecutor(null);
      http.createContext("/v1/chat/completions", server::handle);
      http.start();
      return server;
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    void reset() {
      maxInFlight.set(inFlight.get());
      refused.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
      exchange.getRequestBody().readAllBytes();
      if (!slots.tryAcquire()) {
        refused.incrementAndGet();
        exchange.getResponseHeaders().add("Retry-After", "1");
        exchange.sendResponseHeaders(429, -1);
        exchange.close();
        return;
      }
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      timer.schedule(() -> respond(exchange), latencyMs, TimeUnit.MILLISECONDS);
    }

    private void respond(HttpExchange exchange) {
      try (OutputStream out = exchange.getResponseBody()) {
        inFlight.decrementAndGet();
        slots.release();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        out.write(answer);
      } catch (IOException e) {
        System.err.println("bench server: " + e.getMessage());
      } finally {
        exchange.close();
      }
    }

    void stop() {
      server.stop(0);
      timer.shutdownNow();
    }

    private static String quote(String text) {
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }

  /** Calls straight through: SmallRye's programmatic guards need a CDI container, which the bench has none of. */
  private static final class PassThroughGuard implements Guard {
    @Override
    public <T> T call(Callable<T> action, Class<T> type) throws Exception {
      return action.call();
    }

    @Override
    public <T> T call(Callable<T> action, TypeLiteral<T> type) throws Exception {
      return action.call();
    }

    @Override
    public <T> T get(Supplier<T> action, Class<T> type) {
      return action.get();
    }

    @Override
    public <T> T get(Supplier<T> action, TypeLiteral<T> type) {
      return action.get();
    }
  }
}
