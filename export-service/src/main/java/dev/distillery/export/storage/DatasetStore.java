package dev.distillery.export.storage;

import dev.distillery.export.config.ExportConfig;
import dev.distillery.export.dataset.Manifest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Where an exported dataset is published. Always on the local disk (the dataset tools read it there); when
 * {@code export.s3.bucket} is set, also uploaded to S3-compatible storage, and that copy is the location the events
 * carry. Blocking.
 */
@ApplicationScoped
public class DatasetStore {
  private static final Logger LOG = Logger.getLogger(DatasetStore.class);
  private static final String SCHEME = "s3://";

  @Inject ExportConfig config;
  @Inject MeterRegistry registry;

  private S3Client s3;

  @PostConstruct
  void connect() {
    ExportConfig.S3 settings = config.s3();
    if (settings.bucket().isEmpty()) {
      return;
    }
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(settings.region()))
        // Path-style addressing and whole (not aws-chunked) bodies: what S3-compatible stores accept most widely.
        .serviceConfiguration(S3Configuration.builder()
            .pathStyleAccessEnabled(settings.pathStyle())
            .chunkedEncodingEnabled(false)
            .build())
        .credentialsProvider(credentials(settings))
        // S3-compatible stores often refuse the newer default checksum trailers; checksums only where required.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    settings.endpoint().ifPresent(builder::endpointOverride);
    s3 = builder.build();
    LOG.infof("datasets are uploaded to %s%s/%s/", SCHEME, settings.bucket().get(), settings.prefix());
  }

  @PreDestroy
  void close() {
    if (s3 != null) {
      s3.close();
    }
  }

  /**
   * Publishes a written dataset folder: every file of the manifest, then manifest.json last, so a reader that finds
   * the manifest finds every file it lists. Uploading the same folder again overwrites it with the same bytes.
   *
   * @return the location events carry: {@code s3://bucket/prefix/<folder>/}, or the local folder
   */
  public String publish(Path dir, Manifest manifest) {
    if (s3 == null) {
      return dir.toString();
    }
    String bucket = config.s3().bucket().orElseThrow();
    String folder = config.s3().prefix() + "/" + dir.getFileName() + "/";
    List<String> names = new ArrayList<>();
    manifest.files().forEach(f -> names.add(f.name()));
    names.add(Manifest.FILE_NAME);
    for (String name : names) {
      Path file = dir.resolve(name);
      PutObjectRequest put = PutObjectRequest.builder()
          .bucket(bucket)
          .key(folder + name)
          .contentType(contentType(name))
          .metadata(Map.of("dataset-id", manifest.datasetId()))
          .build();
      s3.putObject(put, RequestBody.fromFile(file));
      registry.counter("distillery.export.uploaded.files").increment();
    }
    return SCHEME + bucket + "/" + folder;
  }

  /** A file of a published dataset: inside the bucket folder, or the local folder. */
  public static String locate(String location, String name) {
    return location.startsWith(SCHEME) ? location + name : Path.of(location).resolve(name).toString();
  }

  private static AwsCredentialsProvider credentials(ExportConfig.S3 settings) {
    if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static String contentType(String name) {
    if (name.endsWith(".jsonl")) {
      return "application/jsonl";
    }
    if (name.endsWith(".json")) {
      return "application/json";
    }
    if (name.endsWith(".csv")) {
      return "text/csv; charset=utf-8";
    }
    return name.endsWith(".md") ? "text/markdown; charset=utf-8" : "application/octet-stream";
  }
}
