package com.amazonaws.services.lambda.runtime;

/** Stand-in with the real interface's name: the agent recognises handlers by interface name only. */
public interface RequestHandler<I, O> {
    O handleRequest(I input, Object context);
}
