package com.amazonaws.services.lambda.runtime;

/** Stand-in with the real name: handlers are recognised by the interface's name in the bytecode. */
public interface RequestHandler<I, O> {
    O handleRequest(I input, Object context);
}
