package io.escalator.testkit;

import io.escalator.quality.GateSandbox;
import io.escalator.sandbox.ChildJvmTestSandbox;
import io.escalator.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;

/** One real sandbox (child JVMs) for the tests of this module, its files under target/. */
public final class TestSandboxes {

    public static final Duration TEST_TIMEOUT = Duration.ofSeconds(30);
    public static final ChildJvmTestSandbox CHILD_JVM = new ChildJvmTestSandbox(SandboxOptions.defaults()
            .withCacheDir(Path.of("target", "sandbox-cache")));
    public static final GateSandbox GATES = new GateSandbox(CHILD_JVM, TEST_TIMEOUT);

    private TestSandboxes() {
    }
}
