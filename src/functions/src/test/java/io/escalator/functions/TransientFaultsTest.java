package io.escalator.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class TransientFaultsTest {

    @Test
    void aClientSideFaultIsTransient() {
        assertThat(TransientFaults.isTransient(SdkClientException.create("Unable to execute HTTP request: Connection refused")))
                .isTrue();
    }

    @Test
    void throttlingIsTransient() {
        assertThat(TransientFaults.isTransient(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(error("ProvisionedThroughputExceededException")).build())).isTrue();
        assertThat(TransientFaults.isTransient(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(error("ThrottlingException")).build())).isTrue();
    }

    @Test
    void aServerErrorIsTransient() {
        assertThat(TransientFaults.isTransient(InternalServerErrorException.builder().statusCode(500)
                .awsErrorDetails(error("InternalServerError")).build())).isTrue();
    }

    @Test
    void aRequestRefusedOnItsMeritsIsNotTransient() {
        assertThat(TransientFaults.isTransient(ConditionalCheckFailedException.builder().statusCode(400)
                .awsErrorDetails(error("ConditionalCheckFailedException")).build())).isFalse();
        assertThat(TransientFaults.isTransient(ResourceNotFoundException.builder().statusCode(400)
                .awsErrorDetails(error("ResourceNotFoundException")).build())).isFalse();
    }

    private static AwsErrorDetails error(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(code).build();
    }
}
