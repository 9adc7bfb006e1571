package dev.distillery.ingest.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The quality-service's progress endpoint. */
@RegisterRestClient(configKey = "quality")
@Path("/runs/{runId}/progress")
interface QualityApi {
  @GET
  Uni<QualityProgress> progress(@PathParam("runId") UUID runId);
}
