package dev.distillery.training;

/** The trainer a job runs: both are established QLoRA fine-tuning tools with their own config format. */
public enum Engine {
  /** axolotl, driven by one YAML config. */
  AXOLOTL,
  /** LLaMA-Factory, driven by a YAML config plus a {@code dataset_info.json} describing the dataset files. */
  LLAMA_FACTORY
}
