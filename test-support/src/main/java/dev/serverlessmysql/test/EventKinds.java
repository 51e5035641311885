package dev.serverlessmysql.test;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises which event a fixture's JSON is, from the marks AWS services put in their events, so that a fixture
 * loaded as the wrong type can say which type it is and where that shows.
 */
final class EventKinds {

    /** A recognised event: its Java type's simple name, a readable name, and the field that gives it away. */
    record Kind(String type, String name, String path, String value) {

        /** A hint for a message about a fixture that was loaded as another type. */
        String hint() {
            return "It looks like " + name + " (" + path + " is " + value + "): declare the parameter as " + type + ".";
        }
    }

    private static final Map<String, String[]> BY_SOURCE = Map.of(
            "aws:sqs", new String[] {"SQSEvent", "an SQS message batch"},
            "aws:sns", new String[] {"SNSEvent", "an SNS notification"},
            "aws:s3", new String[] {"S3Event", "an S3 notification"},
            "aws:dynamodb", new String[] {"DynamodbEvent", "a DynamoDB stream batch"},
            "aws:kinesis", new String[] {"KinesisEvent", "a Kinesis batch"});

    private EventKinds() {
    }

    /** What {@code tree} looks like, unless that is {@code expectedType} or nothing recognisable. */
    static Optional<Kind> of(JsonNode tree, String expectedType) {
        return of(tree).filter(kind -> !kind.type().equals(expectedType));
    }

    static Optional<Kind> of(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return Optional.empty();
        }
        JsonNode first = tree.path("Records").path(0);
        for (String field : new String[] {"eventSource", "EventSource"}) {
            String source = first.path(field).asText("");
            if (BY_SOURCE.containsKey(source)) {
                String[] kind = BY_SOURCE.get(source);
                return Optional.of(new Kind(kind[0], kind[1], "Records[0]." + field, "\"" + source + "\""));
            }
        }
        if ("2.0".equals(tree.path("version").asText()) && tree.has("rawPath")) {
            return Optional.of(new Kind("APIGatewayV2HTTPEvent", "an HTTP API (payload 2.0) request", "version", "\"2.0\""));
        }
        if (tree.path("requestContext").has("elb")) {
            return Optional.of(new Kind("ApplicationLoadBalancerRequestEvent", "a load balancer request", "requestContext.elb", "set"));
        }
        if (tree.has("httpMethod") && tree.has("resource")) {
            return Optional.of(new Kind("APIGatewayProxyRequestEvent", "a REST API request", "resource",
                    "\"" + tree.path("resource").asText() + "\""));
        }
        if ("Scheduled Event".equals(tree.path("detail-type").asText())) {
            return Optional.of(new Kind("ScheduledEvent", "a scheduled event", "detail-type", "\"Scheduled Event\""));
        }
        if (tree.has("policyDocument") && tree.has("principalId")) {
            return Optional.of(new Kind("IamPolicyResponse", "an authorizer's IAM policy", "policyDocument", "set"));
        }
        return Optional.empty();
    }
}
