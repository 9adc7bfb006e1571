package dev.distillery.deploy;

import java.util.Locale;
import java.util.regex.Pattern;

/** Names of settings whose values are credentials and must never be written into a deployment file. */
final class SecretNames {
  private static final Pattern SECRET = Pattern.compile("PASSWORD|SECRET|TOKEN|API[_-]?KEY|CREDENTIAL");

  private SecretNames() {}

  static boolean isSecret(String name) {
    return SECRET.matcher(name.toUpperCase(Locale.ROOT)).find();
  }
}
