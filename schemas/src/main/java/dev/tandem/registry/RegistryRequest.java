package dev.tandem.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One registry call: method, path below the base URL, the subject it concerns (for errors) and a
 * JSON body.
 */
record RegistryRequest(String method, String path, String subject, String jsonBody) {

  static RegistryRequest get(String path, String subject) {
    return new RegistryRequest("GET", path, subject, null);
  }

  static RegistryRequest post(String path, String subject, String jsonBody) {
    return new RegistryRequest("POST", path, subject, jsonBody);
  }

  static RegistryRequest put(String path, String subject, String jsonBody) {
    return new RegistryRequest("PUT", path, subject, jsonBody);
  }

  /**
   * A subject as one URL path segment: '/', '?', '#', '%' and spaces must not change the path's
   * meaning.
   */
  static String segment(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
