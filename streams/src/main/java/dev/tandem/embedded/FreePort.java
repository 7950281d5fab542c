package dev.tandem.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, for servers that must be told their
 * port before they bind it (Kafka's controller quorum, the registry's HTTP port).
 */
final class FreePort {

  /** The servers bind 127.0.0.1 itself, which is not the loopback the JVM prefers when IPv6 is. */
  private static final InetAddress LOOPBACK = ipv4Loopback();

  private FreePort() {}

  /** Returns {@code requested} unless it is 0, in which case the OS picks a currently free port. */
  static int orChosen(int requested) {
    if (requested < 0 || requested > 65535) {
      throw new IllegalArgumentException(requested + " is not a port (0-65535)");
    }
    return requested != 0 ? requested : choose();
  }

  /**
   * Another process may take the port between this call and the server binding it; on a developer
   * machine that race is rare enough that a clear bind error is the better trade than retries.
   */
  static int choose() {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free TCP port on 127.0.0.1", e);
    }
  }

  /** True when something on this machine already listens on 127.0.0.1:{@code port}. */
  static boolean isTaken(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      // Like the servers themselves: connections of a process that just stopped do not count.
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(LOOPBACK, port), 1);
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static InetAddress ipv4Loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("A four-byte address is always valid", e);
    }
  }
}
