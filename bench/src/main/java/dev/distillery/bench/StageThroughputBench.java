package dev.distillery.bench;

import dev.distillery.contracts.CloudEventHeaders;
import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.SampleGenerated;
import dev.distillery.contracts.Topics;
import dev.distillery.testsupport.Infrastructure;
import dev.distillery.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
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
 * How many samples per second the packaged quality-service turns from sample.generated into sample.validated.
 *
 * <p>Starts a Kafka broker in this JVM and an embedded PostgreSQL ({@link TestInfrastructure}) and writes a
 * backlog of sample.generated events: {@code --warmup} events of one run, then {@code --samples} events of
 * another. Only then is {@code quality-service/target/quarkus-app/quarkus-run.jar} started, as its own process,
 * and sample.validated read until every sample has its verdict. Rates come from the verdicts' record timestamps
 * (set by the service when it sends them):
 *
 * <ul>
 *   <li><b>warm</b>: the last {@code --samples} verdicts, counted from the moment the first {@code --warmup}
 *       verdicts were out, when the JIT compiler has done most of its work: the rate of a service that has been
 *       running for a while;
 *   <li><b>cold</b>: every verdict, from the first one: includes the JIT compiler's warm-up.
 * </ul>
 *
 * <p>The service's CPU time over the warm stretch is reported too (samples per CPU-second), because the broker,
 * the database and this process share the machine with it, and so may other work.
 *
 * <p>Options: {@code --samples=N} (20000), {@code --warmup=N} (20000), {@code --jar=PATH},
 * {@code --jvm-options="-Xmx512m ..."}, {@code --timeout-seconds=S} (600).
 */
public final class StageThroughputBench {
  private static final int PARTITIONS = 4;

  private StageThroughputBench() {}

  /** Exits when done: the in-JVM broker's threads would otherwise keep the JVM (and exec:java) waiting. */
  public static void main(String[] args) {
    BenchMain.runAndExit(args, StageThroughputBench::run);
  }

  private static void run(Map<String, String> options) throws Exception {
    int samples = Integer.parseInt(options.getOrDefault("samples", "20000"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "20000"));
    Path jar = jar(options.get("jar"));
    List<String> jvmOptions = Arrays.asList(options.getOrDefault("jvm-options", "-Xmx512m").trim().split("\\s+"));
    Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "600")));

    Infrastructure infra = TestInfrastructure.get();
    createTopics(infra);
    long produceStart = System.nanoTime();
    List<SampleGenerated> backlog = new ArrayList<>(SampleEvents.forRun(UUID.randomUUID().toString(), warmup));
    backlog.addAll(SampleEvents.forRun(UUID.randomUUID().toString(), samples));
    produce(infra, backlog);
    System.out.printf("bench: %d + %d sample.generated events on the topic in %.1f s%n", warmup, samples,
        (System.nanoTime() - produceStart) / 1e9);

    Path log = jar.getParent().getParent().resolve("bench-service.log");
    try (ServiceProcess service = ServiceProcess.start(jar, jvmOptions, infra, log)) {
      long startNanos = System.nanoTime();
      service.awaitReady(Duration.ofMinutes(2));
      System.out.printf("bench: %s (pid %d) ready in %.1f s (log: %s)%n", jar, service.pid(),
          (System.nanoTime() - startNanos) / 1e9, log);
      AtomicReference<Duration> cpuWarm = new AtomicReference<>(service.cpuTime());
      long[] timestamps = awaitVerdicts(infra, warmup + samples, timeout, warmup, () -> cpuWarm.set(service.cpuTime()));
      report(warmup, samples, timestamps, service.cpuTime().minus(cpuWarm.get()));
    }
  }

  private static void report(int warmup, int samples, long[] timestamps, Duration warmCpu) {
    Arrays.sort(timestamps);
    double cold = (timestamps[timestamps.length - 1] - timestamps[0]) / 1000.0;
    double warm = (timestamps[timestamps.length - 1] - timestamps[Math.max(0, warmup - 1)]) / 1000.0;
    double cpu = warmCpu.toMillis() / 1000.0;
    System.out.printf("bench: cold: %d verdicts in %.2f s = %.0f samples/s%n", timestamps.length, cold,
        (timestamps.length - 1) / cold);
    System.out.printf("bench: warm: the last %d verdicts in %.2f s = %.0f samples/s%n", samples, warm, samples / warm);
    System.out.printf("bench: warm: service CPU %.1f s = %.0f samples per CPU-second%n", cpu, samples / cpu);
    System.out.printf("bench: load average (1, 5, 15 min) at the end: %s%n", loadAverage());
    System.out.printf("RESULT samples=%d warm_samples_per_s=%.0f cold_samples_per_s=%.0f samples_per_cpu_s=%.0f%n",
        samples, samples / warm, (timestamps.length - 1) / cold, samples / cpu);
  }

  /** Other work on the machine slows the service down; the load average says how much there was. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", Arrays.copyOf(fields, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void createTopics(Infrastructure infra) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> topics = new ArrayList<>();
      for (String topic : List.of(Topics.SAMPLE_GENERATED, Topics.SAMPLE_VALIDATED,
          Topics.deadLetter(Topics.SAMPLE_GENERATED))) {
        if (!existing.contains(topic)) {
          topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
        }
      }
      admin.createTopics(topics).all().get();
    }
  }

  private static void produce(Infrastructure infra, List<SampleGenerated> events) {
    EventCodec codec = new EventCodec();
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (SampleGenerated event : events) {
        ProducerRecord<String, String> record =
            new ProducerRecord<>(Topics.SAMPLE_GENERATED, event.key(), codec.toJson(event));
        CloudEventHeaders.of(event, "/distillery/bench")
            .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
      }
      producer.flush();
    }
  }

  /**
   * Reads sample.validated from the beginning until there is a verdict for every sample.
   *
   * @param onWarm run once {@code warmup} verdicts have been seen
   * @return each verdict's record timestamp
   */
  private static long[] awaitVerdicts(
      Infrastructure infra, int expected, Duration timeout, int warmup, Runnable onWarm) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(Topics.SAMPLE_VALIDATED, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Set<String> eventIds = new HashSet<>();
      long[] timestamps = new long[expected];
      boolean warm = warmup == 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (eventIds.size() < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "only " + eventIds.size() + " of " + expected + " verdicts within " + timeout + "; see the service log");
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
          Header id = record.headers().lastHeader(CloudEventHeaders.ID);
          if (id != null && eventIds.size() < expected
              && eventIds.add(new String(id.value(), StandardCharsets.UTF_8))) {
            timestamps[eventIds.size() - 1] = record.timestamp();
          }
        }
        if (!warm && eventIds.size() >= warmup) {
          warm = true;
          onWarm.run();
        }
      }
      return timestamps;
    }
  }

  private static Path jar(String option) {
    if (option != null) {
      return Path.of(option).toAbsolutePath();
    }
    Path relative = Path.of("quality-service", "target", "quarkus-app", "quarkus-run.jar");
    for (Path base : List.of(Path.of(""), Path.of(".."))) {
      Path candidate = base.resolve(relative).toAbsolutePath().normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        relative + " not found: package the service first (./mvnw -B -o -q install -pl quality-service -DskipTests)"
            + " or pass --jar=PATH");
  }

  /** exec:java splits its arguments at spaces: a word that does not start an option belongs to the one before. */
}
