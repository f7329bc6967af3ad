package io.escalator.gate;

import io.escalator.sandbox.ChildJvmTestSandbox;
import io.escalator.sandbox.SandboxOptions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The function's sandbox: a child JVM per attempt, its files under {@code java.io.tmpdir} ({@code /tmp} in Lambda). */
public class ChildJvmSandboxProducer {

    @Produces
    @Singleton
    ChildJvmTestSandbox sandbox() {
        return new ChildJvmTestSandbox(SandboxOptions.defaults());
    }

    /**
     * Extracts the child's jars and makes its AppCDS archive while the function starts, not on the first invocation.
     * With SnapStart that start is when a version is published, and the snapshot keeps the execution environment's
     * memory and disk, {@code /tmp} included (AWS: "a Firecracker microVM snapshot of the memory and disk state of the
     * initialized execution environment"; SnapStart refuses ephemeral storage over 512 MB, so keep /tmp at that), so
     * every environment restored from it finds them in place. Should a runtime update make the archive stale, the
     * child JVMs start without it ({@code -Xshare:auto}): slower, not broken.
     */
    void prepare(@Observes StartupEvent event, ChildJvmTestSandbox sandbox) {
        sandbox.prepare();
    }
}
