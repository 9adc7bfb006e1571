package dev.distillery.training.service;

import dev.distillery.training.DatasetFormat;
import dev.distillery.training.Engine;
import dev.distillery.training.Hyperparameters;
import dev.distillery.training.Training;
import dev.distillery.training.config.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes LLaMA-Factory's SFT config for a 4-bit LoRA fine-tune and the {@code dataset_info.json} that tells it how
 * to read the exported files. Both go in the config directory, which is also the {@code dataset_dir}; the dataset
 * entries name the files by absolute path on the datasets volume.
 */
@ApplicationScoped
public class LlamaFactoryConfigRenderer implements TrainerEngine {
  static final String CONFIG_FILE = "llamafactory.yaml";
  static final String DATASET_INFO = "dataset_info.json";
  static final String TRAIN_DATASET = "distillery_train";
  static final String VALIDATION_DATASET = "distillery_validation";

  @Inject TrainingConfig config;

  @Override
  public Engine engine() {
    return Engine.LLAMA_FACTORY;
  }

  @Override
  public String image() {
    return config.llamaFactory().image();
  }

  @Override
  public List<String> command(String configDir) {
    return List.of("llamafactory-cli", "train", configDir + "/" + CONFIG_FILE);
  }

  @Override
  public Map<String, String> files(Training training) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(CONFIG_FILE, config(training, PodParts.CONFIG_DIR));
    files.put(DATASET_INFO, datasetInfo(training));
    return files;
  }

  String config(Training training, String configDir) {
    Hyperparameters h = training.hyperparameters();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("model_name_or_path", training.baseModel());
    c.put("stage", "sft");
    c.put("do_train", true);
    c.put("finetuning_type", "lora");
    c.put("lora_rank", training.lora().r());
    c.put("lora_alpha", training.lora().alpha());
    c.put("lora_dropout", training.lora().dropout());
    c.put("lora_target", training.lora().targetLinear() ? "all" : String.join(",", training.lora().targetModules()));
    c.put("quantization_bit", 4);
    c.put("quantization_method", "bnb");
    c.put("quantization_type", training.quantization().quantType());
    c.put("double_quantization", training.quantization().doubleQuant());
    c.put("dataset", TRAIN_DATASET);
    c.put("dataset_dir", configDir);
    if (training.validationFile() != null) {
      c.put("eval_dataset", VALIDATION_DATASET);
    } else if (h.valSetSize() > 0) {
      c.put("val_size", AxolotlConfigRenderer.decimal(h.valSetSize()));
    }
    c.put("template", config.llamaFactory().template());
    c.put("cutoff_len", h.sequenceLen());
    c.put("output_dir", training.outputDir());
    // false: a retry finds the newest checkpoint in the output directory and resumes from it
    c.put("overwrite_output_dir", false);
    c.put("logging_steps", 1);
    c.put("save_strategy", "epoch");
    c.put("plot_loss", true);
    c.put("report_to", "none");
    c.put("per_device_train_batch_size", h.microBatchSize());
    c.put("gradient_accumulation_steps", h.gradientAccumulationSteps());
    c.put("learning_rate", AxolotlConfigRenderer.decimal(h.learningRate()));
    c.put("num_train_epochs", AxolotlConfigRenderer.decimal(h.epochs()));
    c.put("lr_scheduler_type", h.lrScheduler());
    c.put("optim", h.optimizer());
    c.put("bf16", true);
    if (training.validationFile() != null || h.valSetSize() > 0) {
      c.put("per_device_eval_batch_size", h.microBatchSize());
      c.put("eval_strategy", "epoch");
    }
    if (training.resumeFrom() != null) {
      c.put("resume_from_checkpoint", training.outputDir() + "/" + training.resumeFrom());
    }
    return Yaml.write(c, "the LLaMA-Factory config of training " + training.id());
  }

  String datasetInfo(Training training) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put(TRAIN_DATASET, dataset(training.trainFile(), training.datasetFormat()));
    if (training.validationFile() != null) {
      info.put(VALIDATION_DATASET, dataset(training.validationFile(), training.datasetFormat()));
    }
    return Yaml.writeJson(info, "the LLaMA-Factory dataset_info.json of training " + training.id());
  }

  private static Map<String, Object> dataset(String file, DatasetFormat format) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("file_name", file);
    if (format == DatasetFormat.OPENAI_CHAT) {
      // OpenAI messages are LLaMA-Factory's "sharegpt" formatting with OpenAI's role and content names
      dataset.put("formatting", "sharegpt");
      dataset.put("columns", Map.of("messages", "messages"));
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("role_tag", "role");
      tags.put("content_tag", "content");
      tags.put("user_tag", "user");
      tags.put("assistant_tag", "assistant");
      tags.put("system_tag", "system");
      dataset.put("tags", tags);
    } else {
      dataset.put("formatting", "alpaca");
      Map<String, String> columns = new LinkedHashMap<>();
      columns.put("prompt", "instruction");
      columns.put("query", "input");
      columns.put("response", "output");
      dataset.put("columns", columns);
    }
    return dataset;
  }
}
