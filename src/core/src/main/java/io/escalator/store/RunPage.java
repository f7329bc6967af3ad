package io.escalator.store;

import io.escalator.run.Run;
import java.util.List;

/** One page of runs, newest first; {@code nextCursor} is {@code null} on the last page. */
public record RunPage(List<Run> runs, String nextCursor) {
}
