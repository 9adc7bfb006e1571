package dev.distillery.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.ingest.config.IngestConfig;
import dev.distillery.ingest.document.DocumentRejected;
import dev.distillery.ingest.document.DocumentRejected.Reason;
import dev.distillery.ingest.document.ParsedDocument;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseWorkersTest {
  @TempDir Path dir;
  private final ParseWorkers workers = new ParseWorkers();

  @BeforeEach
  void start() {
    workers.config = config(Duration.ofMillis(300));
    workers.start();
  }

  @AfterEach
  void stop() {
    workers.stop();
  }

  @Test
  void aParseThatHangsIsRejectedAtTheDeadlineItsWorkerInterruptedAndTheNextFileParsed() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    CompletableFuture<ParsedDocument> hanging = workers.submit("hang.pdf", () -> {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      throw new IllegalStateException("gave up");
    });
    Path quick = Files.writeString(dir.resolve("quick.md"), "# Quick\n\nA short paper.\n");

    assertThatThrownBy(() -> ParseWorkers.await(hanging))
        .isInstanceOfSatisfying(DocumentRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
        .hasMessage("parsing took longer than 300 ms (ingest.parse-timeout)");
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    workers.config = config(Duration.ofMinutes(1));
    assertThat(ParseWorkers.await(workers.submit("quick.md", quick)).title()).isEqualTo("Quick");
  }

  @Test
  void aParserThatCrashesRejectsOnlyItsFile() {
    CompletableFuture<ParsedDocument> crashing = workers.submit("deep.docx", () -> {
      throw new StackOverflowError();
    });

    assertThatThrownBy(() -> ParseWorkers.await(crashing))
        .isInstanceOfSatisfying(DocumentRejected.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PARSER_FAILED))
        .hasMessage("the parser failed on this file (StackOverflowError)");
  }

  private static IngestConfig config(Duration timeout) {
    return new IngestConfig() {
      @Override
      public int minSegmentChars() {
        return 1000;
      }

      @Override
      public MemorySize maxFileBytes() {
        return new MemorySize(BigInteger.valueOf(50L << 20));
      }

      @Override
      public MemorySize maxEventBytes() {
        return new MemorySize(BigInteger.valueOf(15L << 20));
      }

      @Override
      public Duration parseTimeout() {
        return timeout;
      }

      @Override
      public Optional<Integer> parseThreads() {
        return Optional.of(2);
      }

      @Override
      public Duration publishTimeout() {
        return Duration.ofSeconds(10);
      }

      @Override
      public Chunking chunking() {
        return new Chunking() {
          @Override
          public int maxTokens() {
            return 4096;
          }

          @Override
          public int overlapTokens() {
            return 128;
          }
        };
      }

      @Override
      public Import imports() {
        return () -> Optional.of(List.of());
      }
    };
  }
}
