package dev.tandem.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, so the command line never disagrees with the build. */
final class TandemVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = TandemVersion.class.getPackage().getImplementationVersion();
    return new String[] {"tandem " + (version == null ? "(development build)" : version)};
  }
}
