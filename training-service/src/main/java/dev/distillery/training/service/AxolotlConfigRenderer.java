package dev.distillery.training.service;

import dev.distillery.training.DatasetFormat;
import dev.distillery.training.Engine;
import dev.distillery.training.Hyperparameters;
import dev.distillery.training.Training;
import dev.distillery.training.config.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the axolotl config of a QLoRA fine-tune (keys as in axolotl's config reference). Chat files are read with
 * the {@code chat_template} strategy from their {@code messages} field and only the assistant turns are trained on;
 * Alpaca files with the {@code alpaca} prompt format.
 */
@ApplicationScoped
public class AxolotlConfigRenderer implements TrainerEngine {
  static final String CONFIG_FILE = "axolotl.yaml";

  @Inject TrainingConfig config;

  @Override
  public Engine engine() {
    return Engine.AXOLOTL;
  }

  @Override
  public String image() {
    return config.axolotl().image();
  }

  @Override
  public List<String> command(String configDir) {
    return List.of("axolotl", "train", configDir + "/" + CONFIG_FILE);
  }

  @Override
  public Map<String, String> files(Training training) {
    return Map.of(CONFIG_FILE, render(training));
  }

  public String render(Training training) {
    Hyperparameters h = training.hyperparameters();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("base_model", training.baseModel());
    config.put("load_in_8bit", false);
    config.put("load_in_4bit", training.quantization().loadIn4bit());
    config.put("adapter", "qlora");
    config.put("lora_r", training.lora().r());
    config.put("lora_alpha", training.lora().alpha());
    config.put("lora_dropout", training.lora().dropout());
    if (training.lora().targetLinear()) {
      config.put("lora_target_linear", true);
    } else {
      config.put("lora_target_modules", training.lora().targetModules());
    }
    // axolotl hands these to transformers' BitsAndBytesConfig, over its own QLoRA defaults
    Map<String, Object> bnb = new LinkedHashMap<>();
    bnb.put("bnb_4bit_quant_type", training.quantization().quantType());
    bnb.put("bnb_4bit_use_double_quant", training.quantization().doubleQuant());
    bnb.put("bnb_4bit_compute_dtype", training.quantization().computeDtype());
    config.put("bnb_config_kwargs", bnb);
    boolean chat = training.datasetFormat() == DatasetFormat.OPENAI_CHAT;
    if (chat) {
      config.put("chat_template", training.chatTemplate());
    }
    config.put("datasets", List.of(dataset(training.trainFile(), chat, false)));
    if (training.validationFile() != null) {
      config.put("test_datasets", List.of(dataset(training.validationFile(), chat, true)));
    } else {
      // axolotl takes either test_datasets or val_set_size
      config.put("val_set_size", decimal(h.valSetSize()));
    }
    config.put("dataset_prepared_path", training.outputDir() + "/prepared");
    config.put("output_dir", training.outputDir());
    config.put("sequence_len", h.sequenceLen());
    config.put("sample_packing", h.samplePacking());
    if (h.samplePacking()) {
      // a validation split of a few dozen short samples packs into too few sequences to evaluate
      config.put("eval_sample_packing", false);
      config.put("pad_to_sequence_len", true);
    }
    config.put("num_epochs", h.epochs());
    config.put("micro_batch_size", h.microBatchSize());
    config.put("gradient_accumulation_steps", h.gradientAccumulationSteps());
    config.put("learning_rate", decimal(h.learningRate()));
    config.put("lr_scheduler", h.lrScheduler());
    config.put("optimizer", h.optimizer());
    config.put("bf16", true);
    config.put("gradient_checkpointing", true);
    config.put("logging_steps", 1);
    config.put("saves_per_epoch", 2);
    if (training.validationFile() != null || h.valSetSize() > 0) {
      config.put("evals_per_epoch", 2);
    }
    resume(training, config);
    return Yaml.write(config, "the axolotl config of training " + training.id());
  }

  /** A retry continues from a named checkpoint, or from the newest one axolotl finds in the output directory. */
  private static void resume(Training training, Map<String, Object> config) {
    if (training.resumeFrom() != null) {
      config.put("resume_from_checkpoint", training.outputDir() + "/" + training.resumeFrom());
    } else if (training.attempt() > 1) {
      config.put("auto_resume_from_checkpoints", true);
    }
  }

  private static Map<String, Object> dataset(String path, boolean chat, boolean evaluation) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("path", path);
    dataset.put("ds_type", "json");
    if (evaluation) {
      // a local JSON file loads as a single split named "train", whatever it holds
      dataset.put("split", "train");
    }
    if (chat) {
      dataset.put("type", "chat_template");
      dataset.put("field_messages", "messages");
      dataset.put("roles_to_train", List.of("assistant"));
    } else {
      dataset.put("type", "alpaca");
    }
    return dataset;
  }

  static BigDecimal decimal(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros();
  }
}
