package dev.distillery.training.repository;

import dev.distillery.training.LoraSettings;
import dev.distillery.training.Manifests;
import dev.distillery.training.Quantization;
import dev.distillery.training.Training;
import dev.distillery.training.TrainingStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The trainings table: one row per training job. */
@ApplicationScoped
public class TrainingRepository {
  private static final String COLUMNS =
      "training_id, run_id, dataset_id, dataset_location, train_file, validation_file, status, base_model,"
          + " chat_template, lora_r, lora_alpha, lora_dropout, lora_target_modules, load_in_4bit, bnb_4bit_quant_type,"
          + " bnb_4bit_use_double_quant, bnb_4bit_compute_dtype, num_epochs, learning_rate, micro_batch_size,"
          + " gradient_accumulation_steps, sequence_len, optimizer, lr_scheduler, output_dir, namespace, job_name,"
          + " job_manifest, config_map_manifest, axolotl_config, requested_at";

  @Inject Pool pool;

  /** True when stored; false when a job for this id already exists (it is kept as it was). */
  public Uni<Boolean> insert(SqlClient tx, Training t) {
    Manifests manifests = t.manifests();
    List<Object> values =
        Arrays.asList(
            UUID.fromString(t.id()), UUID.fromString(t.runId()), UUID.fromString(t.datasetId()), t.datasetLocation(),
            t.trainFile(), t.validationFile(), t.status().name(), t.baseModel(), t.chatTemplate(), t.lora().r(),
            t.lora().alpha(), t.lora().dropout(), t.lora().targetModules().toArray(String[]::new),
            t.quantization().loadIn4bit(), t.quantization().quantType(), t.quantization().doubleQuant(),
            t.quantization().computeDtype(), t.epochs(), t.learningRate(), t.microBatchSize(),
            t.gradientAccumulationSteps(), t.sequenceLen(), t.optimizer(), t.lrScheduler(), t.outputDir(),
            t.namespace(), t.jobName(), manifests.job(), manifests.configMap(), manifests.axolotlConfig(),
            t.requestedAt().atOffset(ZoneOffset.UTC));
    StringBuilder placeholders = new StringBuilder();
    for (int i = 1; i <= values.size(); i++) {
      placeholders.append(i == 1 ? "$" : ", $").append(i);
    }
    return tx.preparedQuery(
            "INSERT INTO trainings (" + COLUMNS + ") VALUES (" + placeholders + ") ON CONFLICT (training_id) DO NOTHING")
        .execute(Tuple.from(values))
        .map(result -> result.rowCount() == 1);
  }

  public Uni<Optional<Training>> find(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM trainings WHERE training_id = $1")
        .execute(Tuple.of(id))
        .map(rows -> toList(rows).stream().findFirst());
  }

  /** A run's training jobs, oldest first. */
  public Uni<List<Training>> findByRun(UUID runId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM trainings WHERE run_id = $1 ORDER BY created_at, training_id")
        .execute(Tuple.of(runId))
        .map(TrainingRepository::toList);
  }

  private static List<Training> toList(RowSet<Row> rows) {
    List<Training> trainings = new ArrayList<>();
    for (Row row : rows) {
      trainings.add(toTraining(row));
    }
    return trainings;
  }

  private static Training toTraining(Row row) {
    return new Training(
        row.getUUID("training_id").toString(),
        row.getUUID("run_id").toString(),
        row.getUUID("dataset_id").toString(),
        row.getString("dataset_location"),
        row.getString("train_file"),
        row.getString("validation_file"),
        TrainingStatus.valueOf(row.getString("status")),
        row.getString("base_model"),
        row.getString("chat_template"),
        new LoraSettings(
            row.getInteger("lora_r"), row.getInteger("lora_alpha"), row.getDouble("lora_dropout"),
            List.of(row.getArrayOfStrings("lora_target_modules"))),
        new Quantization(
            row.getBoolean("load_in_4bit"), row.getString("bnb_4bit_quant_type"),
            row.getBoolean("bnb_4bit_use_double_quant"), row.getString("bnb_4bit_compute_dtype")),
        row.getInteger("num_epochs"),
        row.getDouble("learning_rate"),
        row.getInteger("micro_batch_size"),
        row.getInteger("gradient_accumulation_steps"),
        row.getInteger("sequence_len"),
        row.getString("optimizer"),
        row.getString("lr_scheduler"),
        row.getString("output_dir"),
        row.getString("namespace"),
        row.getString("job_name"),
        new Manifests(row.getString("job_manifest"), row.getString("config_map_manifest"), row.getString("axolotl_config")),
        row.getOffsetDateTime("requested_at").toInstant());
  }
}
