package dev.distillery.ingest.rest;

import dev.distillery.ingest.service.PaperFile;
import dev.distillery.ingest.service.PaperIngestService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Papers into a run: one as the request body, or several as multipart file parts. Blocking because uploads are
 * read from disk and parsing a large paper takes CPU the event loop must not spend. 201 when at least one paper
 * was new, 200 when all were duplicates.
 */
@Path("/runs/{runId}/papers")
@Produces(MediaType.APPLICATION_JSON)
public class PaperResource {
  private static final String TEXT_MARKDOWN = "text/markdown";

  @Inject PaperIngestService ingest;

  @POST
  @Consumes({TEXT_MARKDOWN, MediaType.TEXT_PLAIN})
  @Blocking
  public Uni<RestResponse<IngestResponse>> postBody(
      @PathParam("runId") UUID runId, @RestQuery("name") @DefaultValue("paper.md") String name, byte[] body) {
    return respond(runId, List.of(new PaperFile(name, body)));
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Blocking
  public Uni<RestResponse<IngestResponse>> postFiles(
      @PathParam("runId") UUID runId, @RestForm(FileUpload.ALL) List<FileUpload> uploads) {
    List<PaperFile> files = new ArrayList<>();
    for (FileUpload upload : uploads == null ? List.<FileUpload>of() : uploads) {
      try {
        files.add(new PaperFile(upload.fileName(), Files.readAllBytes(upload.uploadedFile())));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the uploaded part " + upload.fileName(), e);
      }
    }
    return respond(runId, files);
  }

  private Uni<RestResponse<IngestResponse>> respond(UUID runId, List<PaperFile> files) {
    return ingest.ingest(runId, files).map(papers -> {
      IngestResponse body = new IngestResponse(runId, papers);
      boolean anyNew = papers.stream().anyMatch(p -> !p.duplicate());
      return anyNew ? RestResponse.status(RestResponse.Status.CREATED, body) : RestResponse.ok(body);
    });
  }
}
