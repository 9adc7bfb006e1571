package dev.distillery.ingest.rest;

import dev.distillery.commons.rest.ApiError;
import dev.distillery.ingest.config.IngestConfig;
import dev.distillery.ingest.service.BodySpool;
import dev.distillery.ingest.service.FileResult;
import dev.distillery.ingest.service.PaperIngestService;
import dev.distillery.ingest.service.SourceFile;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Files into a run: one as the request body (any Content-Type: the content decides what it is), or several as
 * multipart file parts. Blocking: bodies are spooled to disk and files parsed on the worker pool while the request
 * waits.
 *
 * <p>A multipart request answers 201 when at least one file became a paper, else 200, with a result per file: one
 * bad file never fails the others. A single body that is rejected answers with the rejection's status (400 empty,
 * 409 duplicate, 413 too large, 415 not a document, 422 unreadable) and an {@link ApiError} naming the file; it is
 * listed among the run's sources all the same.
 */
@Path("/runs/{runId}/papers")
@Produces(MediaType.APPLICATION_JSON)
public class PaperResource {

  @Inject PaperIngestService ingest;
  @Inject IngestConfig config;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Blocking
  public Response postBody(
      @PathParam("runId") UUID runId, @RestQuery("name") @DefaultValue("paper.md") String name, InputStream body) {
    ingest.requireOpen(runId);
    SourceFile file = BodySpool.spool(name, body, config.maxFileBytes().asLongValue());
    try {
      FileResult result = ingest.ingest(runId, List.of(file)).get(0);
      if (!result.isAccepted()) {
        return ApiError.response(result.rejection().status(), result.file() + ": " + result.reason());
      }
      return Response.status(Response.Status.CREATED).entity(IngestResponse.of(runId, List.of(result))).build();
    } finally {
      BodySpool.delete(file.path());
    }
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Blocking
  public Response postFiles(@PathParam("runId") UUID runId, @RestForm(FileUpload.ALL) List<FileUpload> uploads) {
    List<SourceFile> files = (uploads == null ? List.<FileUpload>of() : uploads).stream()
        .map(upload -> SourceFile.stored(upload.fileName(), upload.uploadedFile(), upload.size()))
        .toList();
    return respond(runId, ingest.ingest(runId, files));
  }

  static Response respond(UUID runId, List<FileResult> results) {
    IngestResponse body = IngestResponse.of(runId, results);
    return Response.status(body.accepted() > 0 ? Response.Status.CREATED : Response.Status.OK).entity(body).build();
  }
}
