package dev.distillery.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How files are accepted, parsed and cut into chunks. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

  /** Sections shorter than this many characters are merged into the next one (the last into the previous one). */
  @WithDefault("1000")
  int minSegmentChars();

  /**
   * Largest file accepted. Enforced while the upload is read: a larger file is rejected ("larger than 50 MB") as soon
   * as it passes the limit, without being read to its end.
   */
  @WithDefault("50M")
  MemorySize maxFileBytes();

  /**
   * Largest paper.ingested event a paper may make. It carries the paper's whole text, so it bounds the text: keep it
   * below the producer's {@code max.request.size} (128 MiB in service-commons, checked before lz4 compression) and
   * the broker's {@code message.max.bytes} (128 MiB, checked after). The default lets the text of any file under the
   * 50 MB upload cap through; a paper over it is rejected with the advice to split the document.
   */
  @WithDefault("120M")
  MemorySize maxEventBytes();

  /** How long one file may take to parse; a file that takes longer is rejected and the others go on. */
  @WithDefault("60s")
  Duration parseTimeout();

  /** Files parsed at once, each on its own worker thread; default: one per CPU core. */
  Optional<Integer> parseThreads();

  /**
   * How long a request waits for the broker to confirm the events it caused before answering anyway; the events
   * are committed in the outbox, and the relay sends whatever was not confirmed.
   */
  @WithDefault("10s")
  Duration publishTimeout();

  Chunking chunking();

  @WithName("import")
  Import imports();

  /** Token budget of a chunk, counted with cl100k_base. */
  interface Chunking {

    /**
     * The most tokens one chunk may have. The default fits an 8,192-token context window: 8,192 − 2,048 for the
     * answer the model writes − 2,048 for the instructions, task template and few-shot examples around the chunk =
     * 4,096. Lower it for a smaller model's window; the generator never sees a longer chunk.
     */
    @WithDefault("4096")
    int maxTokens();

    /**
     * Tokens of the previous chunk repeated at the start of the next one of the same section, so an idea cut at a
     * chunk boundary keeps its context. Less than half of {@code max-tokens}.
     */
    @WithDefault("128")
    int overlapTokens();
  }

  /** {@code POST /runs/{id}/import} reads folders on the server. */
  interface Import {

    /**
     * The only folders (and their sub-folders) an import may read, comma-separated absolute paths. None by default:
     * imports are refused with 403 until an operator names the folders.
     */
    Optional<List<String>> roots();
  }
}
