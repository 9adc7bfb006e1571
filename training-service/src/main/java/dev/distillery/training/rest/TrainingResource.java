package dev.distillery.training.rest;

import dev.distillery.commons.rest.ApiError;
import dev.distillery.contracts.EventType;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.InvalidEventException;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.training.Engine;
import dev.distillery.training.Training;
import dev.distillery.training.WorkloadKind;
import dev.distillery.training.follow.ProgressSource;
import dev.distillery.training.repository.StatusHistoryRepository;
import dev.distillery.training.repository.TrainingRepository;
import dev.distillery.training.service.TrainingPlanner;
import dev.distillery.training.service.TrainingRefused;
import dev.distillery.training.service.TrainingService;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Training jobs: submit, follow, read the trainer's log, cancel, retry. */
@Path("/trainings")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {
  private static final int MAX_LOG_LINES = 5_000;

  @Inject TrainingRepository trainings;
  @Inject TrainingService service;
  @Inject ProgressSource logs;
  @Inject StatusHistoryRepository history;

  /**
   * A training of an exported dataset, as the export-service would request it.
   *
   * @param datasetLocation the export's directory; the chat files in it are used when no files are named
   * @param trainExamples examples in the train file; when unknown, at least one is assumed
   * @param engine null for the configured trainer
   * @param workload null for the configured workload kind
   * @param baseModel null for the configured base model
   */
  public record Submission(
      String runId,
      String datasetId,
      String datasetLocation,
      String trainFile,
      String validationFile,
      Integer trainExamples,
      Engine engine,
      WorkloadKind workload,
      String baseModel) {}

  /** Names a checkpoint to resume from; without one the newest in the output directory is taken. */
  public record Retry(String checkpoint) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> submit(Submission submission) {
    if (submission == null) {
      throw new IllegalArgumentException("body is required: {\"runId\", \"datasetId\", \"datasetLocation\"}");
    }
    String runId = uuid("runId", required("runId", submission.runId())).toString();
    String datasetId = uuid("datasetId", required("datasetId", submission.datasetId())).toString();
    String location = required("datasetLocation", submission.datasetLocation());
    String dir = location.endsWith("/") ? location : location + "/";
    String trainFile = blank(submission.trainFile()) ? dir + "openai-chat.train.jsonl" : submission.trainFile();
    String validationFile = blank(submission.validationFile()) ? null : submission.validationFile();
    int examples = submission.trainExamples() == null ? 1 : submission.trainExamples();
    TrainingRequested request =
        new TrainingRequested(
            Ids.event(EventType.TRAINING_REQUESTED, datasetId), TrainingRequested.SCHEMA_VERSION,
            runId, Instant.now(), datasetId, location, trainFile, validationFile, examples);
    TrainingPlanner.Choices choices =
        new TrainingPlanner.Choices(submission.engine(), submission.workload(), submission.baseModel());
    try {
      return service
          .submit(request, choices)
          .map(t -> Response.created(URI.create("/trainings/" + t.id())).entity(t).build());
    } catch (InvalidEventException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @GET
  @Path("/{id}")
  public Uni<Response> get(@PathParam("id") String id) {
    return trainings
        .find(uuid("training id", id))
        .map(
            found ->
                found
                    .map(training -> Response.ok(training).build())
                    .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND, "no training with id " + id)));
  }

  /** A run's training jobs, oldest first; empty for a run that asked for none. */
  @GET
  public Uni<List<Training>> list(@QueryParam("runId") String runId) {
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("query parameter runId is required, e.g. /trainings?runId=<run id>");
    }
    return trainings.findByRun(uuid("runId", runId));
  }

  /** Every status the job went through, first to last: its loss curve and its story. */
  @GET
  @Path("/{id}/history")
  public Uni<Response> history(@PathParam("id") String id) {
    UUID trainingId = uuid("training id", id);
    return trainings
        .find(trainingId)
        .flatMap(
            found ->
                found.isEmpty()
                    ? Uni.createFrom().item(ApiError.response(Response.Status.NOT_FOUND, "no training with id " + id))
                    : history.history(trainingId).map(changes -> Response.ok(changes).build()));
  }

  /** The end of the trainer's log of the current attempt; empty while no pod has started. */
  @GET
  @Path("/{id}/logs")
  @Produces(MediaType.TEXT_PLAIN)
  public Response logs(@PathParam("id") String id, @QueryParam("lines") @DefaultValue("200") int lines) {
    if (lines < 1 || lines > MAX_LOG_LINES) {
      throw new IllegalArgumentException("lines " + lines + " must be between 1 and " + MAX_LOG_LINES);
    }
    Training training = service.get(uuid("training id", id));
    if (training.dryRun()) {
      throw new TrainingRefused(409, "training " + id + " is a dry run: nothing runs, so there is no log");
    }
    List<String> tail = logs.tail(training, lines);
    return Response.ok(tail.isEmpty() ? "" : String.join("\n", tail) + "\n", MediaType.TEXT_PLAIN).build();
  }

  @POST
  @Path("/{id}/cancel")
  public Training cancel(@PathParam("id") String id) {
    return service.cancel(uuid("training id", id));
  }

  @POST
  @Path("/{id}/retry")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response retry(@PathParam("id") String id, Retry retry) {
    Training next = service.retry(uuid("training id", id), retry == null || blank(retry.checkpoint()) ? null : retry.checkpoint());
    return Response.accepted(next).build();
  }

  @ServerExceptionMapper
  public Response refused(TrainingRefused e) {
    return ApiError.response(e.status(), e.getMessage());
  }

  /** The cluster said no or did not answer: not the caller's fault, and worth trying again. */
  @ServerExceptionMapper
  public Response clusterUnavailable(KubernetesClientException e) {
    return ApiError.response(Response.Status.BAD_GATEWAY, "the Kubernetes API server failed the request: " + e.getMessage());
  }

  private static String required(String name, String value) {
    if (blank(value)) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  static UUID uuid(String what, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " '" + value + "' is not a UUID", e);
    }
  }
}
