package dev.distillery.export.rest;

import dev.distillery.commons.rest.ApiError;
import dev.distillery.export.service.DatasetToolsService.UnknownDatasetException;
import dev.distillery.export.service.UnknownRunException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A run the service has no run.closed, or no export, for: 404 with the reason. */
public class UnknownRunMapper {
  @ServerExceptionMapper
  public Response unknownRun(UnknownRunException e) {
    return ApiError.response(Response.Status.NOT_FOUND, e.getMessage());
  }

  @ServerExceptionMapper
  public Response unknownDataset(UnknownDatasetException e) {
    return ApiError.response(Response.Status.NOT_FOUND, e.getMessage());
  }
}
