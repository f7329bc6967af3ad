package io.escalator.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import io.quarkus.funqy.runtime.ApplicationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The functions' Lambda handler ({@code io.escalator.functions.UnwrappingFunqyHandler::handleRequest}): Funqy's own,
 * except that an exception a function throws reaches Lambda as itself. Funqy wraps every such exception in its
 * {@link ApplicationException}, so with its handler Lambda reports every error as that one type, and the state
 * machine could not tell a transient store failure (which it retries) from a bad input or a bug (which it does not).
 */
public class UnwrappingFunqyHandler implements RequestStreamHandler {

    private final RequestStreamHandler funqy;

    public UnwrappingFunqyHandler() {
        this(new FunqyStreamHandler());
    }

    UnwrappingFunqyHandler(RequestStreamHandler funqy) {
        this.funqy = funqy;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            funqy.handleRequest(input, output, context);
        } catch (ApplicationException wrapped) {
            throw wrapped.getCause() instanceof RuntimeException functionError ? functionError : wrapped;
        }
    }
}
