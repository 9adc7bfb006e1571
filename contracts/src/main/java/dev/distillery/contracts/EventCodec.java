package dev.distillery.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns events into JSON and back. Reading checks the document against the event's JSON Schema first, so a
 * malformed event fails with a reason that names the broken field instead of somewhere deep in a service.
 * Thread-safe; build one and share it.
 */
public final class EventCodec {
  private static final int MAX_REASON_LENGTH = 1_000;

  private final ObjectMapper mapper;
  private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

  public EventCodec() {
    this.mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    for (EventType type : EventType.values()) {
      try (InputStream in = EventCodec.class.getResourceAsStream(type.schemaResource())) {
        if (in == null) {
          throw new IllegalStateException("missing schema " + type.schemaResource());
        }
        schemas.put(type, factory.getSchema(in, config));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public String toJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Schema violations of a JSON document for an event type; empty when valid. */
  public Set<String> violations(EventType type, JsonNode document) {
    return schemas.get(type).validate(document).stream()
        .map(ValidationMessage::getMessage)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /**
   * Parses and validates one event.
   *
   * @throws InvalidEventException naming the event type and the reason when the payload is not a valid event
   */
  public <T extends DistilleryEvent> T read(EventType type, String json) {
    if (json == null || json.isBlank()) {
      throw new InvalidEventException(type.topic() + " event is empty");
    }
    JsonNode document;
    try {
      document = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(
          type.topic() + " event is not JSON: " + truncate(e.getOriginalMessage()), e);
    }
    Set<String> violations = violations(type, document);
    if (!violations.isEmpty()) {
      throw new InvalidEventException(
          type.topic() + " event does not match its schema: " + truncate(String.join("; ", violations)));
    }
    try {
      @SuppressWarnings("unchecked")
      T event = (T) mapper.treeToValue(document, type.javaType());
      return event;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidEventException(type.topic() + " event cannot be read: " + truncate(e.getMessage()), e);
    }
  }

  private static String truncate(String text) {
    if (text == null) {
      return "unknown reason";
    }
    return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH) + "…";
  }
}
