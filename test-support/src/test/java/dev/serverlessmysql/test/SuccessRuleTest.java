package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A response can be a failure: by default an HTTP 5xx, or whatever the test's own rule rejects. */
class SuccessRuleTest {

    /** Answers 500 on every third request, as a handler that catches its database errors does. */
    static final class ErrorPageHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
            int i = Integer.parseInt(request.getQueryStringParameters().get("i"));
            if (i % 3 == 0) {
                context.getLogger().log("SQLException: Too many connections");
                return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("{\"error\":\"unavailable\"}");
            }
            return new APIGatewayProxyResponseEvent().withStatusCode(i % 3 == 1 ? 200 : 404).withBody("[]");
        }
    }

    private static LambdaSimulator<APIGatewayProxyRequestEvent> errorPages() {
        return LambdaSimulator.forHandler(ErrorPageHandler::new).containers(2).invocations(30).concurrency(2)
                .event(i -> Events.apiGateway().get("/orders").queryParameter("i", Integer.toString(i)).build());
    }

    @Test
    void a5xxResponseIsAFailureByDefault() {
        SimulationReport report = errorPages().run();

        assertEquals(10, report.failed(), report.summary());
        assertEquals(Map.of("HTTP 500", 10), report.failureCounts());
        SimulationReport.Failure first = report.firstFailure().orElseThrow();
        assertEquals(SimulationReport.Phase.RESPONSE, first.phase());
        assertEquals(0, first.invocation());
        assertNull(first.error());
        assertTrue(first.errorMessage().contains("\"statusCode\":500"), first.errorMessage());
        assertTrue(first.logs().contains("SQLException: Too many connections"), first.logs());
        assertEquals(-1, first.sqlErrorCode());
    }

    @Test
    void aRuleOfTheTestsOwnReplacesTheDefault() {
        SimulationReport report = errorPages()
                .succeedsWhen(response -> ((APIGatewayProxyResponseEvent) response).getStatusCode() == 200)
                .run();
        assertEquals(20, report.failed(), "500s and 404s fail under this rule: " + report.summary());
        assertEquals(Map.of("Response.Rejected", 20), report.failureCounts());

        SimulationReport lenient = errorPages().succeedsWhen(response -> true).run();
        lenient.assertAllSucceeded();
    }

    @Test
    void otherHttpShapesAreReadToo() {
        assertEquals(503, SuccessRule.statusCode(APIGatewayV2HTTPResponse.builder().withStatusCode(503).build()));
        ApplicationLoadBalancerResponseEvent alb = new ApplicationLoadBalancerResponseEvent();
        alb.setStatusCode(502);
        assertEquals(502, SuccessRule.statusCode(alb));
        assertEquals(500, SuccessRule.statusCode(Map.of("statusCode", 500, "body", "x")));
        assertEquals(504, SuccessRule.statusCode("{\"statusCode\": 504, \"body\": \"\"}"));
        assertEquals(-1, SuccessRule.statusCode("{\"status\": 504}"));
        assertEquals(-1, SuccessRule.statusCode("{not json, statusCode"));
        assertEquals(-1, SuccessRule.statusCode(new APIGatewayProxyResponseEvent()));
        assertEquals(-1, SuccessRule.statusCode(List.of()));
        assertEquals(-1, SuccessRule.statusCode(null));
    }

    @Test
    void aStreamHandlersJsonIsJudgedByItsStatusCode() {
        RequestStreamHandler gateway = (in, out, context) ->
                out.write("{\"statusCode\":503,\"body\":\"busy\"}".getBytes(StandardCharsets.UTF_8));
        SimulationReport report = LambdaSimulator.forStreamHandler(() -> gateway).containers(1).invocations(2)
                .concurrency(1).event("{}").run();
        assertEquals(Map.of("HTTP 503", 2), report.failureCounts());
    }
}
