package dev.distillery.training.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.distillery.training.Training;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the axolotl config of a QLoRA fine-tune (keys as in axolotl's config reference). The dataset files are
 * OpenAI chat JSONL, so each is read with the {@code chat_template} strategy from its {@code messages} field and
 * only the assistant turns are trained on.
 */
@ApplicationScoped
public class AxolotlConfigRenderer {
  private static final YAMLMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  .build())
          // a plain decimal: PyYAML reads "2.0E-4" as a float but "1.0E7" as a string
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  public String render(Training training) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("base_model", training.baseModel());
    config.put("load_in_8bit", false);
    config.put("load_in_4bit", training.quantization().loadIn4bit());
    config.put("adapter", "qlora");
    config.put("lora_r", training.lora().r());
    config.put("lora_alpha", training.lora().alpha());
    config.put("lora_dropout", training.lora().dropout());
    config.put("lora_target_modules", training.lora().targetModules());
    // axolotl hands these to transformers' BitsAndBytesConfig, over its own QLoRA defaults
    Map<String, Object> bnb = new LinkedHashMap<>();
    bnb.put("bnb_4bit_quant_type", training.quantization().quantType());
    bnb.put("bnb_4bit_use_double_quant", training.quantization().doubleQuant());
    bnb.put("bnb_4bit_compute_dtype", training.quantization().computeDtype());
    config.put("bnb_config_kwargs", bnb);
    config.put("chat_template", training.chatTemplate());
    config.put("datasets", List.of(chatDataset(training.trainFile(), false)));
    if (training.validationFile() != null) {
      config.put("test_datasets", List.of(chatDataset(training.validationFile(), true)));
    } else {
      // axolotl takes either test_datasets or val_set_size; without a validation split, evaluate nothing
      config.put("val_set_size", 0);
    }
    config.put("dataset_prepared_path", training.outputDir() + "/prepared");
    config.put("output_dir", training.outputDir());
    config.put("sequence_len", training.sequenceLen());
    config.put("num_epochs", training.epochs());
    config.put("micro_batch_size", training.microBatchSize());
    config.put("gradient_accumulation_steps", training.gradientAccumulationSteps());
    config.put("learning_rate", BigDecimal.valueOf(training.learningRate()).stripTrailingZeros());
    config.put("lr_scheduler", training.lrScheduler());
    config.put("optimizer", training.optimizer());
    config.put("bf16", true);
    config.put("gradient_checkpointing", true);
    config.put("logging_steps", 1);
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the axolotl config of training " + training.id(), e);
    }
  }

  private static Map<String, Object> chatDataset(String path, boolean evaluation) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("path", path);
    dataset.put("ds_type", "json");
    if (evaluation) {
      // a local JSON file loads as a single split named "train", whatever it holds
      dataset.put("split", "train");
    }
    dataset.put("type", "chat_template");
    dataset.put("field_messages", "messages");
    dataset.put("roles_to_train", List.of("assistant"));
    return dataset;
  }
}
