package dev.distillery.commons.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every 4xx answer: what was wrong, in words a user can act on. */
public record ApiError(int status, String error) {

  /** A JSON response with this status and reason. */
  public static Response response(Response.Status status, String error) {
    return response(status.getStatusCode(), error);
  }

  public static Response response(int status, String error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, error)).build();
  }
}
