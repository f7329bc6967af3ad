package io.escalator.functions;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryUtils;

/** Which AWS SDK failures may pass if the step is simply tried again. */
final class TransientFaults {

    private TransientFaults() {
    }

    /**
     * A client-side fault (connection refused or reset, timeout), throttling, a server error (5xx), or anything the
     * SDK itself deems retryable. A request DynamoDB refused on its merits (a failed condition, a validation error)
     * is not transient.
     */
    static boolean isTransient(SdkException failure) {
        return failure instanceof SdkClientException
                || failure.retryable()
                || RetryUtils.isThrottlingException(failure)
                || RetryUtils.isRetryableException(failure)
                || RetryUtils.isServiceException(failure) && RetryUtils.toServiceException(failure).statusCode() >= 500;
    }
}
