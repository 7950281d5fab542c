package dev.tandem.testing;

import dev.tandem.embedded.EmbeddedStack;

/** The in-process KRaft broker and the Apicurio registry beside it (the demo's own stack). */
record InProcessCluster(EmbeddedStack stack) implements TestCluster {

  static InProcessCluster start() {
    return new InProcessCluster(new EmbeddedStack().start());
  }

  @Override
  public String bootstrapServers() {
    return stack.bootstrapServers();
  }

  @Override
  public String registryUrl() {
    return stack.registryUrl();
  }

  @Override
  public String describe() {
    return "the in-process broker at " + bootstrapServers() + " and Apicurio at " + registryUrl();
  }

  @Override
  public void close() {
    stack.close();
  }
}
