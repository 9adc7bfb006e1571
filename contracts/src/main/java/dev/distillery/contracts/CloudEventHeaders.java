package dev.distillery.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

/** CloudEvents 1.0 Kafka binary-mode headers for an event. */
public final class CloudEventHeaders {
  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String SPEC_VERSION = "ce_specversion";
  public static final String TIME = "ce_time";
  public static final String CONTENT_TYPE = "content-type";

  private CloudEventHeaders() {}

  /**
   * Headers in a stable order.
   *
   * @param source the producing service as a URI reference, e.g. {@code /distillery/ingest-service}
   */
  public static Map<String, String> of(DistilleryEvent event, String source) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SPEC_VERSION, "1.0");
    headers.put(ID, event.eventId());
    headers.put(TYPE, event.type().cloudEventType());
    headers.put(SOURCE, source);
    headers.put(TIME, event.producedAt().toString());
    headers.put(CONTENT_TYPE, "application/json");
    return headers;
  }
}
