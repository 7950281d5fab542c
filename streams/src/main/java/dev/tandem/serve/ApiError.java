package dev.tandem.serve;

/** A request the API answers with an error status and {@code {"error": message}}. */
final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  private ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  /** The stores cannot answer now (starting, restoring, rebalancing): ask again shortly. */
  static ApiError unavailable(String message) {
    return new ApiError(503, message);
  }
}
