package io.escalator.quality;

import io.escalator.sandbox.TestSandbox;
import java.time.Duration;

/** Where {@code tests} gates run their tests, and for how long at most. */
public record GateSandbox(TestSandbox sandbox, Duration timeout) {
}
