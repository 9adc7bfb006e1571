package dev.distillery.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.distillery.commons.rest.ApiError;
import dev.distillery.ingest.service.ImportForbiddenException;
import dev.distillery.ingest.service.RunConflictException;
import dev.distillery.ingest.service.RunNotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal as an {@link ApiError} that names what was wrong. */
public class IngestExceptionMappers {

  @ServerExceptionMapper
  public Response notFound(RunNotFoundException e) {
    return ApiError.response(404, e.getMessage());
  }

  @ServerExceptionMapper
  public Response conflict(RunConflictException e) {
    return ApiError.response(409, e.getMessage());
  }

  @ServerExceptionMapper
  public Response forbidden(ImportForbiddenException e) {
    return ApiError.response(403, e.getMessage());
  }

  /** Declared for the subtype too: Quarkus' own mapper for it answers 400 with an empty body. */
  @ServerExceptionMapper
  public Response badJson(MismatchedInputException e) {
    return badJson((JsonProcessingException) e);
  }

  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e) {
    String where = e instanceof JsonMappingException mapping ? at(mapping) : "";
    return ApiError.response(400, "invalid request body" + where + ": " + e.getOriginalMessage());
  }

  /**
   * Quarkus wraps unreadable JSON in a bare WebApplicationException; other framework refusals (unknown path, wrong
   * method) come without a body. Both get an ApiError like every other refusal.
   */
  @ServerExceptionMapper
  public Response framework(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return badJson(json);
    }
    Response response = e.getResponse();
    if (response.getStatus() >= 400 && response.getStatus() < 500 && !response.hasEntity()) {
      return ApiError.response(response.getStatus(), e.getMessage());
    }
    return response;
  }

  @ServerExceptionMapper
  public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers) {
    return ApiError.response(415, "Content-Type " + headers.getMediaType() + " is not accepted here: send JSON to /runs"
        + " and /runs/{id}/import; papers go to /runs/{id}/papers as any body or as multipart/form-data");
  }

  private static String at(JsonMappingException e) {
    if (e.getPath().isEmpty()) {
      return "";
    }
    return " at " + e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
