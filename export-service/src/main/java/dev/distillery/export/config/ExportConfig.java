package dev.distillery.export.config;

import dev.distillery.export.dataset.SplitOptions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** Where datasets are written and how they are split, counted and laid out. */
@ConfigMapping(prefix = "export")
public interface ExportConfig {

  /**
   * Directory under which each run's dataset gets its own sub-directory: {@code <runId>/} for its first export,
   * {@code <runId>-v2/} and so on for re-exports whose content differs. Relative paths are resolved against the
   * working directory. Environment: {@code EXPORT_DATA_DIR}.
   */
  @WithDefault("data/datasets")
  String dataDir();

  /** How examples are divided; the validation share comes from the run's config. */
  Split split();

  /**
   * A system message put before every example of every format (Bedrock's {@code system}, Gemini's
   * {@code systemInstruction}, ...). None when unset. Environment: {@code EXPORT_SYSTEM_PROMPT}.
   */
  Optional<String> systemPrompt();

  /** How OpenAI files are counted and cut. */
  OpenAi openai();

  /**
   * Files larger than this many bytes are split into parts; 0 keeps each provider's own upload limit (OpenAI and
   * Mistral 512 MB, Vertex 1 GB, Bedrock 10 GB).
   */
  @WithDefault("0")
  long maxFileBytes();

  /** License named in the Hugging Face dataset card's YAML header, an SPDX id or {@code other}. */
  @WithDefault("other")
  String license();

  /** S3-compatible object storage datasets are copied to, so that a Kubernetes training job can read them. */
  S3 s3();

  interface S3 {
    /**
     * Bucket the datasets are uploaded to, under {@code <prefix>/<dataset folder>/}; when unset datasets stay in
     * the local folder only and {@code dataset.exported} carries that folder. Environment: {@code EXPORT_S3_BUCKET}.
     */
    Optional<String> bucket();

    /** Key prefix of the datasets in the bucket. */
    @WithDefault("datasets")
    String prefix();

    /** Endpoint of an S3-compatible store (MinIO, Ceph, R2, …); AWS's own endpoint for the region when unset. */
    Optional<URI> endpoint();

    @WithDefault("us-east-1")
    String region();

    /** Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible stores need. */
    @WithDefault("true")
    boolean pathStyle();

    /**
     * Access key; with {@link #secretAccessKey()}, replaces the AWS default chain (environment
     * {@code AWS_ACCESS_KEY_ID}, profile, web identity in Kubernetes).
     */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();
  }

  interface Split {
    /** {@code PAPER}: whole papers held out, no paper in two splits; {@code SOURCE}: every source file's share. */
    @WithDefault("PAPER")
    SplitOptions.Strategy strategy();

    /** Seed of the split: the same samples and seed always give the same split. */
    @WithDefault("42")
    long seed();

    /** Share of examples held out as a test split, 0..0.5; 0 writes no test files. */
    @WithDefault("0")
    double testShare();
  }

  interface OpenAi {
    /** {@code cl100k_base}, or {@code o200k_base} when fine-tuning a gpt-4o model. */
    @WithDefault("cl100k_base")
    String encoding();

    /**
     * Training context of the model fine-tuned, in tokens per example: 65,536 for gpt-4o-mini-2024-07-18 and
     * gpt-4o-2024-08-06, 16,385 for gpt-3.5-turbo-0125. Longer examples are cut at the end of the answer, as OpenAI
     * itself would, and listed in the manifest's {@code truncated}.
     */
    @WithDefault("65536")
    int exampleTokens();
  }
}
