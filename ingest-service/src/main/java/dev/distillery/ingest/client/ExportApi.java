package dev.distillery.ingest.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The export-service's progress endpoint. */
@RegisterRestClient(configKey = "export")
@Path("/runs/{runId}/progress")
interface ExportApi {
  @GET
  Uni<ExportProgress> progress(@PathParam("runId") UUID runId);
}
