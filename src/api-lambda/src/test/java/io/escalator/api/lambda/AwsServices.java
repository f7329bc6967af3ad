package io.escalator.api.lambda;

import io.escalator.dynamodb.local.EmbeddedDynamoDb;
import io.escalator.testing.StepFunctionsStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * What the Lambda-packaged API talks to in AWS, on loopback: DynamoDB Local for the table, and a stand-in for the
 * Step Functions API (its control plane cannot run here). Tests get the stand-in injected into a field of its type.
 */
public class AwsServices implements QuarkusTestResourceLifecycleManager {

    static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:escalation";

    private EmbeddedDynamoDb dynamoDb;
    private StepFunctionsStandIn stepFunctions;

    @Override
    public Map<String, String> start() {
        dynamoDb = EmbeddedDynamoDb.startInMemory();
        stepFunctions = StepFunctionsStandIn.start();
        return Map.of(
                "escalator.dynamodb.endpoint", dynamoDb.endpoint().toString(),
                "escalator.dynamodb.create-table", "true",
                "escalator.step-functions.state-machine-arn", STATE_MACHINE,
                "escalator.step-functions.endpoint", stepFunctions.endpoint().toString());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stepFunctions, new TestInjector.MatchesType(StepFunctionsStandIn.class));
    }

    @Override
    public void stop() {
        stepFunctions.close();
        dynamoDb.close();
    }
}
