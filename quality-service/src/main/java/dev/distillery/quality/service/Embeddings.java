package dev.distillery.quality.service;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sentence embeddings in process: the quantised all-MiniLM-L6-v2 ONNX model (384 dimensions, unit length),
 * loaded on first use so that an instance with semantic checks off never pays its 2–3 s load or its memory.
 */
@ApplicationScoped
public class Embeddings {
  private volatile EmbeddingModel model;

  /** The embedding of a text, scaled to unit length. Blocking and CPU-bound: call it off the event loop. */
  public float[] embed(String text) {
    float[] vector = model().embed(text).content().vector();
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= scale;
    }
    return vector;
  }

  /** Cosine similarity of two unit-length vectors. */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        if (model == null) {
          model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
        m = model;
      }
    }
    return m;
  }
}
