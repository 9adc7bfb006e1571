package dev.distillery.training.repository;

import dev.distillery.contracts.TrainingProgress;
import dev.distillery.contracts.TrainingState;
import dev.distillery.training.DatasetFormat;
import dev.distillery.training.Engine;
import dev.distillery.training.Hyperparameters;
import dev.distillery.training.LoraSettings;
import dev.distillery.training.Manifests;
import dev.distillery.training.Quantization;
import dev.distillery.training.Training;
import dev.distillery.training.WorkloadKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The trainings table: one row per training job with its current status. */
@ApplicationScoped
public class TrainingRepository {
  private static final String COLUMNS =
      "training_id, run_id, dataset_id, dataset_location, train_file, validation_file, dataset_format, engine,"
          + " workload_kind, base_model, chat_template, lora_r, lora_alpha, lora_dropout, lora_target_linear,"
          + " lora_target_modules, load_in_4bit, bnb_4bit_quant_type, bnb_4bit_use_double_quant, bnb_4bit_compute_dtype,"
          + " num_epochs, learning_rate, micro_batch_size, gradient_accumulation_steps, sequence_len, optimizer,"
          + " lr_scheduler, sample_packing, val_set_size, output_dir, namespace, attempt, resume_from, workload_name,"
          + " workload_manifest, config_map_manifest, trainer_files, state, reason, sequence, progress, dry_run,"
          + " requested_at";
  private static final String OPEN = "state IN ('QUEUED', 'RUNNING') AND NOT dry_run";

  @Inject Pool pool;

  /** True when stored; false when a job for this id already exists (it is kept as it was). */
  public Uni<Boolean> insert(SqlClient tx, Training t) {
    Manifests manifests = t.manifests();
    Hyperparameters h = t.hyperparameters();
    List<Object> values =
        Arrays.asList(
            UUID.fromString(t.id()), UUID.fromString(t.runId()), UUID.fromString(t.datasetId()), t.datasetLocation(),
            t.trainFile(), t.validationFile(), t.datasetFormat().name(), t.engine().name(), t.workloadKind().name(),
            t.baseModel(), t.chatTemplate(), t.lora().r(), t.lora().alpha(), t.lora().dropout(), t.lora().targetLinear(),
            t.lora().targetModules().toArray(String[]::new), t.quantization().loadIn4bit(), t.quantization().quantType(),
            t.quantization().doubleQuant(), t.quantization().computeDtype(), h.epochs(), h.learningRate(),
            h.microBatchSize(), h.gradientAccumulationSteps(), h.sequenceLen(), h.optimizer(), h.lrScheduler(),
            h.samplePacking(), h.valSetSize(), t.outputDir(), t.namespace(), t.attempt(), t.resumeFrom(),
            t.workloadName(), manifests.workload(), manifests.configMap(), new JsonObject(new HashMap<>(manifests.files())),
            t.state().name(), t.reason(), t.sequence(), progress(t.progress()), t.dryRun(),
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

  /**
   * Records a status change, only if nobody recorded another since {@code changed} was read: the follower and a
   * user's cancel never both win.
   *
   * @return false when the row moved on meanwhile
   */
  public Uni<Boolean> updateStatus(SqlClient tx, Training changed) {
    return tx.preparedQuery(
            "UPDATE trainings SET state = $2, reason = $3, sequence = $4, progress = $5, updated_at = now()"
                + " WHERE training_id = $1 AND sequence = $4 - 1")
        .execute(
            Tuple.from(
                Arrays.asList(
                    UUID.fromString(changed.id()), changed.state().name(), changed.reason(), changed.sequence(),
                    progress(changed.progress()))))
        .map(result -> result.rowCount() == 1);
  }

  /**
   * Starts the next attempt: its workload and manifests, not yet submitted, with the status change that queues
   * it; only if nobody changed the job since {@code next} was read.
   */
  public Uni<Boolean> startAttempt(SqlClient tx, Training next) {
    return tx.preparedQuery(
            "UPDATE trainings SET attempt = $2, resume_from = $3, workload_name = $4, workload_manifest = $5,"
                + " config_map_manifest = $6, trainer_files = $7, state = $8, reason = $9, sequence = $10,"
                + " submitted_at = NULL, updated_at = now() WHERE training_id = $1 AND sequence = $10 - 1")
        .execute(
            Tuple.from(
                Arrays.asList(
                    UUID.fromString(next.id()), next.attempt(), next.resumeFrom(), next.workloadName(),
                    next.manifests().workload(), next.manifests().configMap(),
                    new JsonObject(new HashMap<>(next.manifests().files())), next.state().name(), next.reason(),
                    next.sequence())))
        .map(result -> result.rowCount() == 1);
  }

  public Uni<Void> markSubmitted(Training training) {
    return pool.preparedQuery("UPDATE trainings SET submitted_at = now() WHERE training_id = $1 AND attempt = $2")
        .execute(Tuple.of(UUID.fromString(training.id()), training.attempt()))
        .replaceWithVoid();
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

  /** Jobs to hand to the cluster: queued, not a dry run, the current attempt not yet submitted. */
  public Uni<List<Training>> findUnsubmitted() {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM trainings WHERE " + OPEN + " AND submitted_at IS NULL ORDER BY created_at")
        .execute()
        .map(TrainingRepository::toList);
  }

  /** Jobs on the cluster that have not ended yet. */
  public Uni<List<Training>> findFollowed() {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM trainings WHERE " + OPEN + " AND submitted_at IS NOT NULL ORDER BY created_at")
        .execute()
        .map(TrainingRepository::toList);
  }

  public Uni<Map<TrainingState, Long>> countByState() {
    return pool.query("SELECT state, count(*) AS jobs FROM trainings GROUP BY state")
        .execute()
        .map(
            rows -> {
              Map<TrainingState, Long> counts = new EnumMap<>(TrainingState.class);
              for (TrainingState state : TrainingState.values()) {
                counts.put(state, 0L);
              }
              for (Row row : rows) {
                counts.put(TrainingState.valueOf(row.getString("state")), row.getLong("jobs"));
              }
              return counts;
            });
  }

  private static JsonObject progress(TrainingProgress progress) {
    return progress == null ? null : JsonObject.mapFrom(progress);
  }

  private static List<Training> toList(RowSet<Row> rows) {
    List<Training> trainings = new ArrayList<>();
    for (Row row : rows) {
      trainings.add(toTraining(row));
    }
    return trainings;
  }

  private static Training toTraining(Row row) {
    Map<String, String> files = new HashMap<>();
    row.getJsonObject("trainer_files").forEach(entry -> files.put(entry.getKey(), String.valueOf(entry.getValue())));
    JsonObject progress = row.getJsonObject("progress");
    return new Training(
        row.getUUID("training_id").toString(),
        row.getUUID("run_id").toString(),
        row.getUUID("dataset_id").toString(),
        row.getString("dataset_location"),
        row.getString("train_file"),
        row.getString("validation_file"),
        DatasetFormat.valueOf(row.getString("dataset_format")),
        Engine.valueOf(row.getString("engine")),
        WorkloadKind.valueOf(row.getString("workload_kind")),
        row.getString("base_model"),
        row.getString("chat_template"),
        new LoraSettings(
            row.getInteger("lora_r"), row.getInteger("lora_alpha"), row.getDouble("lora_dropout"),
            row.getBoolean("lora_target_linear"), List.of(row.getArrayOfStrings("lora_target_modules"))),
        new Quantization(
            row.getBoolean("load_in_4bit"), row.getString("bnb_4bit_quant_type"),
            row.getBoolean("bnb_4bit_use_double_quant"), row.getString("bnb_4bit_compute_dtype")),
        new Hyperparameters(
            row.getInteger("num_epochs"),
            row.getDouble("learning_rate"),
            row.getInteger("micro_batch_size"),
            row.getInteger("gradient_accumulation_steps"),
            row.getInteger("sequence_len"),
            row.getString("optimizer"),
            row.getString("lr_scheduler"),
            row.getBoolean("sample_packing"),
            row.getDouble("val_set_size")),
        row.getString("output_dir"),
        row.getString("namespace"),
        row.getInteger("attempt"),
        row.getString("resume_from"),
        row.getString("workload_name"),
        new Manifests(row.getString("workload_manifest"), row.getString("config_map_manifest"), files),
        TrainingState.valueOf(row.getString("state")),
        row.getString("reason"),
        row.getLong("sequence"),
        progress == null ? null : progress.mapTo(TrainingProgress.class),
        row.getBoolean("dry_run"),
        row.getOffsetDateTime("requested_at").toInstant());
  }
}
