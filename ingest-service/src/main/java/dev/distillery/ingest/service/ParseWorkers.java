package dev.distillery.ingest.service;

import dev.distillery.ingest.config.IngestConfig;
import dev.distillery.ingest.document.DocumentParser;
import dev.distillery.ingest.document.DocumentRejected;
import dev.distillery.ingest.document.DocumentRejected.Reason;
import dev.distillery.ingest.document.ParsedDocument;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Parses files on a fixed pool of worker threads, each file against a deadline. A file whose parse throws — any
 * exception or error, a stack overflow in a parser included — or runs past {@code ingest.parse-timeout} is rejected
 * alone; the request and the service go on. At the deadline the worker is interrupted; a parser that ignores
 * interrupts keeps its thread until it returns, but its file has already been answered.
 */
@ApplicationScoped
public class ParseWorkers {
  private static final Logger LOG = Logger.getLogger(ParseWorkers.class);

  @Inject IngestConfig config;

  private DocumentParser parser;
  private ThreadPoolExecutor workers;
  private ScheduledExecutorService watchdog;

  @PostConstruct
  void start() {
    parser = new DocumentParser(new DocumentParser.Settings(
        config.minSegmentChars(), config.chunking().maxTokens(), config.chunking().overlapTokens(),
        config.maxEventBytes().asLongValue()));
    int threads = config.parseThreads().orElse(Runtime.getRuntime().availableProcessors());
    AtomicInteger ids = new AtomicInteger();
    workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
      Thread thread = new Thread(task, "ingest-parse-" + ids.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "ingest-parse-watchdog");
      thread.setDaemon(true);
      return thread;
    });
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
    watchdog.shutdownNow();
  }

  /** Starts parsing; the result is the parsed document or a {@link DocumentRejected}. */
  public CompletableFuture<ParsedDocument> submit(String fileName, Path file) {
    return submit(fileName, () -> parser.parse(fileName, file));
  }

  /** Any parse, under the same pool, deadline and failure handling. */
  CompletableFuture<ParsedDocument> submit(String fileName, Callable<ParsedDocument> parse) {
    CompletableFuture<ParsedDocument> result = new CompletableFuture<>();
    workers.execute(() -> run(fileName, parse, result));
    return result;
  }

  /** Waits for a submitted parse: the document, or the reason it was rejected. */
  public static ParsedDocument await(CompletableFuture<ParsedDocument> parse) {
    try {
      return parse.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocumentRejected(Reason.TIMEOUT, "parsing was interrupted: the service is shutting down");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DocumentRejected rejected) {
        throw rejected;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  private void run(String fileName, Callable<ParsedDocument> parse, CompletableFuture<ParsedDocument> result) {
    Thread worker = Thread.currentThread();
    Object lock = new Object();
    boolean[] running = {true};
    ScheduledFuture<?> alarm = watchdog.schedule(() -> {
      boolean late = result.completeExceptionally(new DocumentRejected(Reason.TIMEOUT,
          "parsing took longer than " + describe(config.parseTimeout()) + " (ingest.parse-timeout)"));
      synchronized (lock) {
        if (late && running[0]) {
          LOG.warnf("parsing %s passed ingest.parse-timeout; interrupting its worker", fileName);
          worker.interrupt();
        }
      }
    }, config.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try {
      result.complete(parse.call());
    } catch (DocumentRejected rejected) {
      result.completeExceptionally(rejected);
    } catch (UncheckedIOException e) {
      result.completeExceptionally(new DocumentRejected(Reason.UNREADABLE,
          "could not read the file: " + e.getCause().getMessage()));
    } catch (Throwable failure) {
      LOG.warnf(failure, "the parser failed on %s", fileName);
      result.completeExceptionally(new DocumentRejected(Reason.PARSER_FAILED,
          "the parser failed on this file (" + failure.getClass().getSimpleName()
              + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + ")"));
    } finally {
      alarm.cancel(false);
      synchronized (lock) {
        running[0] = false;
      }
      Thread.interrupted();
    }
  }
}
