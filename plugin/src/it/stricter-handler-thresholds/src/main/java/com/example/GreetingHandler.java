package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

public class GreetingHandler implements RequestHandler<Map<String, String>, String> {

    private final Greeter greeter = new Greeter();

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        String name = input.get("name");
        if (name == null) {
            return "hello, stranger";
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("blank name");
        }
        return greeter.greet(name);
    }
}
