package dev.distillery.generation.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillery.contracts.GenerationSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** The runs table: each run's generation settings, written by the planner with the run's first paper. */
@ApplicationScoped
public class RunRepository {
  @Inject ObjectMapper json;
  @Inject Pool pool;

  /** Keeps the settings the run's first paper brought; every paper of a run carries the same ones. */
  public Uni<Void> remember(SqlClient tx, String runId, GenerationSettings settings) {
    return tx.preparedQuery("INSERT INTO runs (run_id, settings) VALUES ($1, $2) ON CONFLICT (run_id) DO NOTHING")
        .execute(Tuple.of(UUID.fromString(runId), write(settings)))
        .replaceWithVoid();
  }

  /** The settings a run brought; empty for a run this service has not planned. */
  public Uni<Optional<GenerationSettings>> settings(String runId) {
    return pool.preparedQuery("SELECT settings FROM runs WHERE run_id = $1")
        .execute(Tuple.of(UUID.fromString(runId)))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(read(rows.iterator().next().getString("settings"))) : Optional.empty());
  }

  GenerationSettings read(String settings) {
    try {
      return settings == null ? GenerationSettings.defaults() : json.readValue(settings, GenerationSettings.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored run settings are unreadable: " + e.getOriginalMessage(), e);
    }
  }

  private String write(GenerationSettings settings) {
    try {
      return json.writeValueAsString(settings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("run settings could not be written as JSON", e);
    }
  }
}
