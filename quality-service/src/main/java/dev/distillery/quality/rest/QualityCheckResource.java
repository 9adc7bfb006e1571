package dev.distillery.quality.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distillery.commons.rest.ApiError;
import dev.distillery.quality.config.QualityConfig;
import dev.distillery.quality.rules.DatasetCheck;
import dev.distillery.quality.rules.MinHash;
import dev.distillery.quality.service.QualityRules;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a dataset a user already has — OpenAI chat or Alpaca records — with the gate's rules, score and
 * within-batch dedup, and stores nothing.
 */
@Path("/quality/check")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class QualityCheckResource {
  /** The largest batch judged in one request; more is a 413 (send several requests). */
  static final int MAX_SAMPLES = 10_000;

  /** Verdicts in the order of the request ({@code position} = index + 1), and counts over them. */
  public record CheckResponse(List<DatasetCheck.Result> results, DatasetCheck.Summary summary) {}

  @Inject QualityRules rules;
  @Inject QualityConfig config;

  @POST
  public Response check(JsonNode body) {
    if (body == null || !body.isArray()) {
      return ApiError.response(Response.Status.BAD_REQUEST,
          "the body must be a JSON array of samples (OpenAI {\"messages\": [...]} or Alpaca {\"instruction\","
              + " \"input\", \"output\"} objects)");
    }
    if (body.size() > MAX_SAMPLES) {
      return ApiError.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
          "at most " + MAX_SAMPLES + " samples per request, got " + body.size());
    }
    DatasetCheck check = new DatasetCheck(rules.rules(),
        new MinHash(config.dedup().near().shingleWords(), config.dedup().near().bands()),
        config.dedup().near().threshold());
    List<DatasetCheck.Result> results = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      results.add(check.check(i + 1, body.get(i)));
    }
    return Response.ok(new CheckResponse(results, check.summary())).build();
  }
}
