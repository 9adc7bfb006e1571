package dev.distillery.export.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * An S3-compatible endpoint in the test JVM: WireMock answering PutObject the way S3 does, and recording every
 * request so the test can read what was uploaded. No Docker, no MinIO.
 */
public class FakeS3 implements QuarkusTestResourceLifecycleManager {
  static final String BUCKET = "distillery-test";
  static WireMockServer server;

  /** The service configured with the fake bucket. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(FakeS3.class));
    }
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    server.stubFor(put(urlPathMatching("/" + BUCKET + "/.*")).willReturn(ok().withHeader("ETag", "\"etag\"")));
    return Map.of(
        "export.s3.bucket", BUCKET,
        "export.s3.endpoint", server.baseUrl(),
        "export.s3.access-key-id", "test-key",
        "export.s3.secret-access-key", "test-secret");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
