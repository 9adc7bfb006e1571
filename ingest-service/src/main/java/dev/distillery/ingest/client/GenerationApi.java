package dev.distillery.ingest.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The generation-service's progress endpoint. */
@RegisterRestClient(configKey = "generation")
@Path("/runs/{runId}/progress")
interface GenerationApi {
  @GET
  Uni<GenerationProgress> progress(@PathParam("runId") UUID runId);
}
