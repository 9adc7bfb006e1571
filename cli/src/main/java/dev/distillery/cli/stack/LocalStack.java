package dev.distillery.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Everything Distillery needs on one machine: a Kafka broker (its own JVM), a PostgreSQL server, and the five
 * packaged services, each its own JVM with its own port. {@link #close()} stops what was started, services first,
 * then the broker, then the database; a shutdown hook does the same when the JVM is interrupted (Ctrl-C).
 */
public final class LocalStack implements AutoCloseable {
  /** Start order; stopped in reverse. */
  public static final List<String> SERVICES =
      List.of("ingest-service", "generation-service", "quality-service", "export-service", "training-service");

  private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
  private static final Duration BROKER_STOP_GRACE = Duration.ofSeconds(30);
  /** Enough for the largest accepted upload (50 MB) on its way through ingest and into one event. */
  private static final String SERVICE_HEAP = "-Xmx512m";
  private final StackSettings settings;
  private final Consumer<String> say;
  private final Ports ports = new Ports();
  private final Thread shutdownHook = new Thread(this::close, "distillery-stack-stop");
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
  private final StalePids stalePids;
  private FileChannel lockFile;
  private volatile boolean locked;
  private volatile CompletableFuture<Database> database;
  private volatile boolean hookRegistered;
  private String kafkaBootstrapServers;
  private boolean closed;

  private LocalStack(StackSettings settings, Consumer<String> say) {
    this.settings = settings;
    this.say = say;
    this.stalePids = new StalePids(settings.workDir().resolve("stack.pids"));
  }

  /**
   * Starts the stack and returns once every service is ready.
   *
   * @param say receives one line per step, for the user
   * @throws StackException naming the part that failed and its log file; whatever had started is stopped again
   */
  public static LocalStack start(StackSettings settings, Consumer<String> say) {
    LocalStack stack = new LocalStack(settings, say);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException e) {
      boolean interrupted = stack.isClosed();
      stack.close();
      throw interrupted ? new StackException("interrupted; the local stack was stopped", e) : e;
    }
  }

  public URI serviceUrl(String service) {
    return service(service).url();
  }

  /**
   * Kills a service's JVM with SIGKILL, as a crash or the kernel's OOM killer would: no shutdown hook, no
   * consumer leaving its group, no transaction finished, its outbox rows left as they were. Returns once the
   * process is gone; the service stays down until {@link #restart}.
   *
   * @throws IllegalStateException when the service is not running
   */
  public void crash(String service) {
    ServiceProcess running = service(service);
    ManagedProcess process = running.process();
    if (!process.isAlive()) {
      throw new IllegalStateException(service + " is not running; it exited with code " + process.exitCode());
    }
    process.kill();
    markLog(running, "killed with SIGKILL (pid " + process.pid() + ")");
    say.accept(service + " (pid " + process.pid() + ") killed with SIGKILL");
  }

  /**
   * Starts a service that has stopped (crashed, or killed by {@link #crash}) again, exactly as it first
   * started: same command, port and environment, appending to the same log. Returns once it is ready.
   *
   * @throws IllegalStateException when the service is still running
   * @throws StackException when it does not become ready in time
   */
  public void restart(String service) {
    ServiceProcess stopped = service(service);
    if (stopped.process().isAlive()) {
      throw new IllegalStateException(service + " is running (pid " + stopped.process().pid() + "); crash it first");
    }
    Instant began = Instant.now();
    markLog(stopped, "restarting");
    ManagedProcess process = launch(service, stopped.command(), stopped.environment(), stopped.process().log());
    ServiceProcess running = stopped.relaunched(process);
    synchronized (this) {
      processes.remove(stopped.process());
      services.put(service, running);
    }
    new Readiness().awaitAll(List.of(running), settings.startTimeout(),
        ready -> say.accept(service + " restarted (pid " + process.pid() + "), ready in " + seconds(began)));
  }

  private synchronized ServiceProcess service(String service) {
    ServiceProcess running = services.get(service);
    if (running == null) {
      throw new IllegalArgumentException("no service named " + service + "; the stack runs " + SERVICES);
    }
    return running;
  }

  /** A line between the output of two lives of a service, so that a reader of its log sees where one ended. */
  private static void markLog(ServiceProcess service, String what) {
    String line = "---- distillery local stack: " + service.name() + " " + what + " at " + Instant.now() + " ----"
        + System.lineSeparator();
    try {
      Files.writeString(service.process().log(), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + service.process().log(), e);
    }
  }

  /**
   * The process id of a running service; with {@link #crash} it lets a caller tell whether a service kept running
   * through a run, or died and came back.
   *
   * @throws IllegalStateException when the service is not running
   */
  public long pid(String service) {
    ManagedProcess process = service(service).process();
    if (!process.isAlive()) {
      throw new IllegalStateException(service + " is not running; it exited with code " + process.exitCode());
    }
    return process.pid();
  }

  public URI ingestUrl() {
    return serviceUrl("ingest-service");
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrapServers;
  }

  public Path dataDir() {
    return settings.dataDir();
  }

  /** The log of a part of the stack: a service name, {@code kafka} or {@code postgres}. */
  public Path logFile(String part) {
    return settings.workDir().resolve("logs").resolve(part + ".log");
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  private void startAll() {
    Instant began = Instant.now();
    Map<String, Path> jars = serviceJars();
    prepareWorkDir();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    hookRegistered = true;

    int databasePort = ports.next();
    say.accept("starting Kafka and PostgreSQL (work dir " + settings.workDir() + ")");
    database = CompletableFuture.supplyAsync(() -> {
      Database started = Database.start(
          settings.workDir().resolve("postgres"), databasePort, logFile("postgres"), settings.startTimeout());
      started.pid().ifPresent(pid -> stalePids.record("postgres", pid));
      return started;
    });
    KafkaBroker broker = new KafkaBroker(settings.workDir().resolve("kafka"), ports.next(), ports.next());
    broker.start(this::launch, logFile("kafka"), settings.startTimeout());
    kafkaBootstrapServers = broker.bootstrapServers();
    Database db = awaitDatabase();
    say.accept(String.format("Kafka on %s, PostgreSQL on 127.0.0.1:%d (%s)", kafkaBootstrapServers, db.port(),
        seconds(began)));

    Instant servicesBegan = Instant.now();
    Map<String, Integer> servicePorts = new LinkedHashMap<>();
    SERVICES.forEach(service -> servicePorts.put(service, ports.next()));
    List<ServiceProcess> started = new ArrayList<>();
    for (String service : SERVICES) {
      int port = servicePorts.get(service);
      List<String> command = List.of(
          JavaCommand.path(), SERVICE_HEAP, "-jar", jars.get(service).toString());
      Map<String, String> env = serviceEnvironment(service, port, servicePorts, db);
      ServiceProcess running =
          new ServiceProcess(service, port, command, env, launch(service, command, env, logFile(service)));
      synchronized (this) {
        services.put(service, running);
      }
      started.add(running);
    }
    say.accept("starting " + String.join(", ", SERVICES));
    new Readiness().awaitAll(started, settings.startTimeout(),
        ready -> say.accept(ready.name() + " ready at " + ready.url() + " (" + seconds(servicesBegan) + ")"));
    say.accept("local stack ready in " + seconds(began) + "; logs in " + settings.workDir().resolve("logs"));
  }

  private Map<String, Path> serviceJars() {
    Map<String, Path> jars = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String service : SERVICES) {
      Path jar = settings.home().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
      if (Files.isRegularFile(jar)) {
        jars.put(service, jar);
      } else {
        missing.add(jar.toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new StackException("the services are not built (missing " + String.join(", ", missing)
          + "); run ./mvnw install -DskipTests in " + settings.home());
    }
    return jars;
  }

  private void prepareWorkDir() {
    Path workDir = settings.workDir();
    try {
      Files.createDirectories(workDir.resolve("logs"));
      Files.createDirectories(settings.dataDir());
      lockFile = FileChannel.open(workDir.resolve("stack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = lockFile.tryLock();
      if (lock == null) {
        throw new StackException("another Distillery stack is running with the work dir " + workDir
            + "; wait for it to finish or choose another work dir");
      }
      locked = true;
      stalePids.stopLeftovers(say);
      for (String part : allParts()) {
        Files.deleteIfExists(logFile(part));
      }
      deleteTree(workDir.resolve("kafka"));
      deleteTree(workDir.resolve("postgres").resolve("data"));
    } catch (OverlappingFileLockException e) {
      throw new StackException("this JVM already runs a Distillery stack with the work dir " + workDir, e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the work dir " + workDir, e);
    }
  }

  private static List<String> allParts() {
    List<String> parts = new ArrayList<>(SERVICES);
    parts.add("kafka");
    parts.add("postgres");
    return parts;
  }

  private Map<String, String> serviceEnvironment(
      String service, int port, Map<String, Integer> servicePorts, Database db) {
    Map<String, String> env = new HashMap<>(settings.environment());
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    env.put("DB_HOST", "127.0.0.1");
    env.put("DB_PORT", String.valueOf(db.port()));
    env.put("DB_NAME", Database.NAME);
    env.put("DB_USER", Database.USER);
    env.put("DB_PASSWORD", Database.PASSWORD);
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
    switch (service) {
      case "ingest-service" -> {
        env.put("GENERATION_URL", ServiceProcess.url(servicePorts.get("generation-service")).toString());
        env.put("QUALITY_URL", ServiceProcess.url(servicePorts.get("quality-service")).toString());
        env.put("EXPORT_URL", ServiceProcess.url(servicePorts.get("export-service")).toString());
      }
      case "export-service" -> env.put("EXPORT_DATA_DIR", settings.dataDir().toString());
      default -> { }
    }
    return env;
  }

  private synchronized ManagedProcess launch(String name, List<String> command, Map<String, String> env, Path log) {
    if (closed) {
      throw new StackException("the local stack is stopping; " + name + " was not started");
    }
    ManagedProcess process = ManagedProcess.start(name, command, env, settings.home(), log);
    processes.add(process);
    stalePids.record(name, process.pid());
    return process;
  }

  private Database awaitDatabase() {
    try {
      return database.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Stops services (reverse start order), then the broker, then the database. Safe to call more than once. */
  @Override
  public void close() {
    List<ManagedProcess> toStop;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toStop = new ArrayList<>(processes);
    }
    if (hookRegistered && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is already running or about to; this call does the work all the same.
      }
    }
    Instant began = Instant.now();
    boolean anythingStarted = !toStop.isEmpty() || database != null;
    if (anythingStarted) {
      say.accept("stopping the local stack");
    }
    List<ManagedProcess> servicesToStop = new ArrayList<>();
    List<ManagedProcess> others = new ArrayList<>();
    for (ManagedProcess process : toStop) {
      (SERVICES.contains(process.name()) ? servicesToStop : others).add(process);
    }
    for (int i = servicesToStop.size() - 1; i >= 0; i--) {
      servicesToStop.get(i).requestStop();
    }
    for (int i = servicesToStop.size() - 1; i >= 0; i--) {
      servicesToStop.get(i).awaitStop(SERVICE_STOP_GRACE);
    }
    for (int i = others.size() - 1; i >= 0; i--) {
      others.get(i).requestStop();
      others.get(i).awaitStop(BROKER_STOP_GRACE);
    }
    stopDatabase();
    if (locked) {
      stalePids.clear();
    }
    releaseLock();
    if (anythingStarted) {
      say.accept("local stack stopped (" + seconds(began) + ")");
    }
  }

  private void stopDatabase() {
    if (database == null) {
      return;
    }
    Optional<Database> db;
    try {
      // A database still starting when Ctrl-C came must not be left behind: wait for it, then stop it.
      db = Optional.of(database.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      db = Optional.empty();
    } catch (TimeoutException e) {
      say.accept("PostgreSQL did not finish starting; see " + logFile("postgres"));
      db = Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      db = Optional.empty();
    }
    db.ifPresent(d -> {
      try {
        d.close();
      } catch (StackException e) {
        say.accept(e.getMessage());
      }
    });
  }

  private void releaseLock() {
    if (lockFile == null) {
      return;
    }
    try {
      lockFile.close();
    } catch (IOException e) {
      say.accept("could not release " + settings.workDir().resolve("stack.lock") + ": " + e.getMessage());
    }
  }

  private static String seconds(Instant since) {
    return String.format("%.1f s", Duration.between(since, Instant.now()).toMillis() / 1000.0);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(path);
      }
    }
  }
}
