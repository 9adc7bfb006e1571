package dev.distillery.training.service;

/** Trainer images are pinned: a moving tag would make the same config train differently from one day to the next. */
final class ImageTags {
  private ImageTags() {}

  /**
   * @throws IllegalArgumentException naming the key when the image has no tag, or {@code latest} (or a
   *     {@code -latest} suffix)
   */
  static void requirePinned(String key, String image) {
    if (image.contains("@sha256:")) {
      return;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    String tag = colon > slash ? image.substring(colon + 1) : "";
    if (tag.isEmpty() || tag.equals("latest") || tag.endsWith("-latest")) {
      throw new IllegalArgumentException(
          key + " '" + image + "' is not pinned: give a fixed tag (e.g. axolotlai/axolotl:0.12.2) or a digest");
    }
  }
}
