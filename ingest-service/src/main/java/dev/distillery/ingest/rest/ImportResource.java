package dev.distillery.ingest.rest;

import dev.distillery.ingest.config.IngestConfig;
import dev.distillery.ingest.service.FolderImport;
import dev.distillery.ingest.service.PaperIngestService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * A folder on the server into a run: {@code {"path": "/abs/folder"}}, allowed only under {@code ingest.import.roots}
 * (403 otherwise). Answers like a multipart upload: a result per file.
 */
@Path("/runs/{runId}/import")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

  /** The body of an import. */
  public record ImportRequest(String path) {}

  @Inject PaperIngestService ingest;
  @Inject IngestConfig config;

  private FolderImport folders;

  @PostConstruct
  void init() {
    folders = new FolderImport(config.imports().roots().orElse(List.of()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Blocking
  public Response importFolder(@PathParam("runId") UUID runId, ImportRequest request) {
    ingest.requireOpen(runId);
    return PaperResource.respond(runId, ingest.ingest(runId, folders.files(request == null ? null : request.path())));
  }
}
