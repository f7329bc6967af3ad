package io.escalator.ladder;

import java.util.Optional;

/**
 * A ladder kept somewhere other than a file, such as an SSM parameter in AWS. When one is configured it is used
 * instead of the ladder file.
 */
public interface LadderText {

    /** The ladder's JSON, or empty when this source is not configured. */
    Optional<String> json();

    /** Where the ladder came from, for messages. */
    String source();
}
