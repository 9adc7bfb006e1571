package dev.distillery.commons.rest;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad input is the caller's to fix: 400 with the reason, never a stack trace. */
public class BadInputMapper {
  @ServerExceptionMapper
  public Response badInput(IllegalArgumentException e) {
    return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
  }
}
