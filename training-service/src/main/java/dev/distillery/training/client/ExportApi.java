package dev.distillery.training.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The export-service's dataset manifest of a run (its latest export). */
@RegisterRestClient(configKey = "export")
@Path("/datasets/{runId}")
interface ExportApi {
  @GET
  DatasetManifest manifest(@PathParam("runId") UUID runId);
}
