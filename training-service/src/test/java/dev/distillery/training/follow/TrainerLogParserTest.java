package dev.distillery.training.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.TrainingProgress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerLogParserTest {

  /** The tail of an axolotl run's pod log: its own log lines, tqdm redraws and the HF trainer's log dicts. */
  private static final List<String> AXOLOTL_LOG =
      List.of(
          "[2026-11-23 10:12:03,512] [INFO] [axolotl.train.train:173] [PID:12] [RANK:0] Starting trainer...",
          "  0%|          | 0/30 [00:00<?, ?it/s]",
          "  3%|▎         | 1/30 [00:04<02:05,  4.33s/it]{'loss': 2.1432, 'grad_norm': 1.0383, 'learning_rate': 2e-05, 'epoch': 0.1}",
          "  7%|▋         | 2/30 [00:08<01:58,  4.22s/it]",
          "{'loss': 2.0871, 'grad_norm': 0.9721, 'learning_rate': 4e-05, 'epoch': 0.2}",
          "\r 10%|█         | 3/30 [00:12<01:53,  4.20s/it]\r 13%|█▎        | 4/30 [00:16<01:49,  4.21s/it]",
          "{'eval_loss': 1.8321, 'eval_runtime': 2.1043, 'eval_samples_per_second': 2.376, 'eval_steps_per_second': 1.188, 'epoch': 0.4}",
          "{'loss': 1.9012, 'grad_norm': np.float64(0.8812), 'learning_rate': 0.0001999, 'epoch': 0.5}",
          "[2026-11-23 10:12:21,100] [INFO] [axolotl.callbacks.on_step_end:128] [PID:12] [RANK:0] cuda memory usage: 5.12GB");

  /** LLaMA-Factory's trainer_log.jsonl records. */
  private static final List<String> LLAMA_FACTORY_LOG =
      List.of(
          "{\"current_steps\": 5, \"total_steps\": 30, \"loss\": 1.9234, \"lr\": 0.00019, \"epoch\": 0.5, \"percentage\": 16.67, \"elapsed_time\": \"0:00:21\", \"remaining_time\": \"0:01:45\", \"throughput\": 812.33, \"total_tokens\": 17059}",
          "{\"current_steps\": 10, \"total_steps\": 30, \"eval_loss\": 1.7012, \"epoch\": 1.0, \"percentage\": 33.33, \"elapsed_time\": \"0:00:45\", \"remaining_time\": \"0:01:30\"}",
          "{\"current_steps\": 10, \"total_steps\": 30, \"loss\": 1.6021, \"lr\": 0.00015, \"epoch\": 1.0, \"percentage\": 33.33, \"elapsed_time\": \"0:00:46\", \"remaining_time\": \"1:01:32\"}");

  @Test
  void axolotlLogAddsUpToTheLatestStepLossAndEvalLoss() {
    assertThat(TrainerLogParser.progress(AXOLOTL_LOG))
        .hasValue(new TrainingProgress(4L, 30L, 0.5, 1.9012, 0.0001999, 1.8321, 109L));
  }

  @Test
  void llamaFactoryRecordsGiveStepsTotalAndRemainingTime() {
    assertThat(TrainerLogParser.progress(LLAMA_FACTORY_LOG))
        .hasValue(new TrainingProgress(10L, 30L, 1.0, 1.6021, 0.00015, 1.7012, 3692L));
  }

  @Test
  void theEndOfTrainingSummaryIsNotTakenForTheLatestLoss() {
    assertThat(
            TrainerLogParser.parse(
                "{'train_runtime': 130.2, 'train_samples_per_second': 0.92, 'train_steps_per_second': 0.23, 'train_loss': 1.95, 'epoch': 3.0}"))
        .isEmpty();
  }

  @Test
  void linesWithoutProgressGiveNothing() {
    assertThat(TrainerLogParser.progress(List.of("Loading checkpoint shards: done", "{\"level\": \"info\"}", "", "{'loss': nan}"))).isEmpty();
  }
}
