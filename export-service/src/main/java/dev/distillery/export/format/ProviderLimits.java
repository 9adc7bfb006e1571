package dev.distillery.export.format;

import java.util.List;

/**
 * What a provider accepts, from PROVIDER-FORMATS.md. 0 means the provider states no limit.
 *
 * @param tokenizer the encoding tokens are counted with
 * @param exactTokens whether that is the provider's own tokenizer; when not, limits are enforced with a margin
 * @param maxExampleTokens tokens one example may have
 * @param truncates whether an over-long example may be cut (the provider itself truncates) rather than left out
 * @param maxFileBytes bytes per file; larger files are split into parts
 * @param unknown limits the provider does not publish, said in the manifest
 */
public record ProviderLimits(
    String provider,
    String tokenizer,
    boolean exactTokens,
    int maxExampleTokens,
    boolean truncates,
    long maxFileBytes,
    int minTrain,
    int maxTrain,
    int minValidation,
    int maxValidation,
    List<String> unknown) {

  /** Share of a limit used when tokens are only approximated: the real tokenizer may count more. */
  public static final double APPROXIMATION_MARGIN = 0.9;

  public static final long MB = 1024L * 1024;
  public static final long GB = 1024 * MB;

  /** An open trainer's format: no provider checks it, the trainer's own cutoff applies. */
  public static ProviderLimits openTrainer(String trainer) {
    return new ProviderLimits(
        trainer, "cl100k_base", false, 0, true, 0, 0, 0, 0, 0,
        List.of("no provider limit: " + trainer + " truncates at its configured cutoff length"));
  }

  /** The per-example limit actually enforced, 0 for none. */
  public int enforcedExampleTokens() {
    return exactTokens ? maxExampleTokens : (int) Math.floor(maxExampleTokens * APPROXIMATION_MARGIN);
  }

  public ProviderLimits withMaxExampleTokens(int tokens) {
    return new ProviderLimits(
        provider, tokenizer, exactTokens, tokens, truncates, maxFileBytes, minTrain, maxTrain, minValidation,
        maxValidation, unknown);
  }

  public ProviderLimits withTokenizer(String encoding) {
    return new ProviderLimits(
        provider, encoding, exactTokens, maxExampleTokens, truncates, maxFileBytes, minTrain, maxTrain, minValidation,
        maxValidation, unknown);
  }

  public ProviderLimits withUnknown(List<String> notes) {
    return new ProviderLimits(
        provider, tokenizer, exactTokens, maxExampleTokens, truncates, maxFileBytes, minTrain, maxTrain, minValidation,
        maxValidation, notes);
  }
}
