package io.escalator.functions;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What every function does at the Lambda boundary: its input is checked before anything is read or written (a
 * missing or wrong field is an {@link InvalidStepInputException} naming it), and a transient store failure leaves as
 * a {@link TransientStepException}, the one error type the state machine retries. Any other exception passes as is.
 */
@LambdaBoundary
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class LambdaBoundaryInterceptor {

    @AroundInvoke
    Object guard(InvocationContext invocation) throws Exception {
        for (Object parameter : invocation.getParameters()) {
            if (parameter == null) {
                throw new InvalidStepInputException("input", "is missing: expected a JSON object");
            }
            if (parameter instanceof StepInput input) {
                input.validate();
            }
        }
        try {
            return invocation.proceed();
        } catch (SdkException failure) {
            if (TransientFaults.isTransient(failure)) {
                throw new TransientStepException(failure);
            }
            throw failure;
        }
    }
}
