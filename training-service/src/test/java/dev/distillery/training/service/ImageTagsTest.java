package dev.distillery.training.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageTagsTest {

  @Test
  void movingOrMissingTagsAreRefusedNamingTheKey() {
    for (String image : new String[] {"axolotlai/axolotl", "axolotlai/axolotl:latest", "axolotlai/axolotl:main-latest", "registry:5000/axolotl"}) {
      assertThatThrownBy(() -> ImageTags.requirePinned("training.axolotl.image", image))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("training.axolotl.image '" + image + "' is not pinned");
    }
  }

  @Test
  void fixedTagsAndDigestsAreAccepted() {
    assertThatCode(() -> ImageTags.requirePinned("k", "registry:5000/axolotl:0.12.2")).doesNotThrowAnyException();
    assertThatCode(() -> ImageTags.requirePinned("k", "hiyouga/llamafactory@sha256:" + "0".repeat(64))).doesNotThrowAnyException();
  }
}
