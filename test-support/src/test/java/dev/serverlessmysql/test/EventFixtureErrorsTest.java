package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Every way a fixture can be wrong gives a message that names the file, the type and the bad field. */
class EventFixtureErrorsTest {

    private static EventFixtureException load(String location, Class<?> type, EventFixtures.Overrides overrides, boolean strict) {
        return assertThrows(EventFixtureException.class,
                () -> EventFixtures.load(location, type, overrides, strict, EventFixtures.Lookup.of(EventFixtureErrorsTest.class)));
    }

    private static EventFixtureException load(String location, Class<?> type) {
        return load(location, type, EventFixtures.Overrides.NONE, true);
    }

    private static EventFixtures.Overrides set(String... assignments) {
        return new EventFixtures.Overrides(null, List.of(), List.of(), List.of(), List.of(assignments));
    }

    @Test
    void missingFileNamesTheFileTheTypeAndWhereItLooked() {
        EventFixtureException e = load("events/missing.json", SQSEvent.class);
        assertEquals("events/missing.json", e.fixture());
        assertEquals("SQSEvent", e.eventType());
        assertNull(e.field());
        assertTrue(e.getMessage().contains("'events/missing.json' for SQSEvent was not found"), e.getMessage());
        assertTrue(e.getMessage().contains("class path resource 'events/missing.json'"), e.getMessage());
        assertTrue(e.getMessage().contains("next to EventFixtureErrorsTest"), e.getMessage());
        assertTrue(e.getMessage().contains("src/test/resources/events/missing.json"), e.getMessage());
    }

    @Test
    void invalidJsonNamesTheLine() {
        EventFixtureException e = load("events/broken/not-json.json", APIGatewayProxyRequestEvent.class);
        assertTrue(e.getMessage().contains("'events/broken/not-json.json' for APIGatewayProxyRequestEvent is not valid JSON (line 4"),
                e.getMessage());
    }

    @Test
    void fixtureOfAnotherEventTypeIsRefused() {
        EventFixtureException e = load("events/order-batch.json", APIGatewayProxyRequestEvent.class);
        assertEquals("Records", e.field());
        assertTrue(e.getMessage().contains("does not fit APIGatewayProxyRequestEvent"), e.getMessage());
        assertTrue(e.getMessage().contains("another event type"), e.getMessage());
    }

    @Test
    void fixtureOfAnotherEventTypeSaysWhichTypeItIs() {
        EventFixtureException e = load("events/order-batch.json", APIGatewayProxyRequestEvent.class);
        assertTrue(e.getMessage().contains("It looks like an SQS message batch (Records[0].eventSource is \"aws:sqs\"): declare"
                + " the parameter as SQSEvent."), e.getMessage());
        assertTrue(e.getMessage().contains("strict = false"), e.getMessage());
    }

    @Test
    void strictFalseDeliversTheEmptyEventTheRuntimeWould() {
        Object event = EventFixtures.load("events/order-batch.json", APIGatewayProxyRequestEvent.class, EventFixtures.Overrides.NONE,
                false, EventFixtures.Lookup.of(EventFixtureErrorsTest.class));
        APIGatewayProxyRequestEvent empty = assertInstanceOf(APIGatewayProxyRequestEvent.class, event);
        assertNull(empty.getHttpMethod());
        assertNull(empty.getHeaders());
        assertNull(empty.getBody());
    }

    @Test
    void anSnsFixtureLoadedAsS3NamesTheFieldAndTheType() {
        EventFixtureException e = load("events/alert.json", S3Event.class);
        assertEquals("Records[0].EventSource", e.field());
        assertTrue(e.getMessage().contains("It looks like an SNS notification (Records[0].EventSource is \"aws:sns\"): declare"
                + " the parameter as SNSEvent."), e.getMessage());
    }

    @Test
    void iamPolicyDocumentsBindAsTheRuntimeBindsThem() {
        for (Class<?> type : List.of(IamPolicyResponse.class, IamPolicyResponseV1.class)) {
            Object bound = EventFixtures.load("events/iam-policy.json", type, EventFixtures.Overrides.NONE, false,
                    EventFixtures.Lookup.of(EventFixtureErrorsTest.class));
            assertInstanceOf(type, bound);
            // the runtime's mapper is case-sensitive: "Version" and "Statement" find no field of PolicyDocument
            EventFixtureException strict = load("events/iam-policy.json", type);
            assertFalse(strict.getMessage().contains("would reject"), strict.getMessage());
            assertEquals("policyDocument.Version", strict.field(), strict.getMessage());
            assertTrue(strict.getMessage().contains("'policyDocument.Statement'"), strict.getMessage());
        }
        IamPolicyResponse response = Events.load("events/iam-policy.json", IamPolicyResponse.class, false);
        assertEquals("user-42", response.getPrincipalId());
        assertEquals(Map.of("tier", "gold"), response.getContext());
    }

    @Test
    void valueOfTheWrongShapeNamesTheField() {
        EventFixtureException e = load("events/broken/wrong-shape.json", APIGatewayProxyRequestEvent.class);
        assertEquals("headers", e.field());
        assertTrue(e.getMessage().contains("does not fit APIGatewayProxyRequestEvent at field 'headers'"), e.getMessage());
    }

    @Test
    void nestedValueOfTheWrongShapeNamesThePath() {
        EventFixtureException e = load("events/order-batch.json", SQSEvent.class, set("Records[1].attributes=[1, 2]"), true);
        assertEquals("Records[1].attributes", e.field());
    }

    @Test
    void fieldTheRuntimeWouldDropIsNamed() {
        EventFixtureException e = load("events/broken/typo-field.json", APIGatewayProxyRequestEvent.class);
        assertEquals("pathParameter", e.field());
        assertTrue(e.getMessage().contains("has field 'pathParameter' that APIGatewayProxyRequestEvent does not have"), e.getMessage());
        assertTrue(e.getMessage().contains("strict = false"), e.getMessage());
    }

    @Test
    void overrideOfAFieldTheTypeLacksIsNamedEvenWhenLenient() {
        EventFixtures.Overrides headers = new EventFixtures.Overrides(null, List.of("X-Trace: 1"), List.of(), List.of(), List.of());
        EventFixtureException e = load("events/order-batch.json", SQSEvent.class, headers, false);
        assertEquals("headers", e.field());
        assertTrue(e.getMessage().contains("Override of 'headers.X-Trace'"), e.getMessage());
        assertTrue(e.getMessage().contains("names no field of SQSEvent"), e.getMessage());
    }

    @Test
    void bodyOverrideOnSqsPointsAtTheRecords() {
        EventFixtures.Overrides body = new EventFixtures.Overrides("hi", List.of(), List.of(), List.of(), List.of());
        EventFixtureException e = load("events/order-batch.json", SQSEvent.class, body, true);
        assertEquals("body", e.field());
        assertTrue(e.getMessage().contains("Records[0].body"), e.getMessage());
    }

    @Test
    void overrideIndexOutOfRangeSaysHowManyThereAre() {
        EventFixtureException e = load("events/order-batch.json", SQSEvent.class, set("Records[5].body=x"), true);
        assertEquals("Records[5]", e.field());
        assertTrue(e.getMessage().contains("'Records' has 2 elements"), e.getMessage());
    }

    @Test
    void malformedOverridesAreExplained() {
        assertTrue(load("events/order-batch.json", SQSEvent.class, set("no equals sign"), true).getMessage()
                .contains("is not of the form path=value"));
        assertTrue(load("events/order-batch.json", SQSEvent.class, set("Records[x].body=1"), true).getMessage()
                .contains("neither an index"));
        assertTrue(load("events/order-batch.json", SQSEvent.class, set("Records.body=1"), true).getMessage()
                .contains("'Records', which is not a JSON object"));
        EventFixtures.Overrides header = new EventFixtures.Overrides(null, List.of("no separator"), List.of(), List.of(), List.of());
        assertTrue(load("events/get-order.json", APIGatewayProxyRequestEvent.class, header, true).getMessage()
                .contains("\"Name: value\""));
    }

    @Test
    void emptyFolderOrMissingFolderIsExplained() {
        EventFixtureException e = assertThrows(EventFixtureException.class, () -> Events.loadAll("events/nothing-here/", SQSEvent.class));
        assertTrue(e.getMessage().contains("'events/nothing-here/' for SQSEvent was not found"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // through JUnit: the same messages reach the test report

    static class MissingFixture {
        @Test
        void needsIt(@LambdaEvent("events/missing.json") SQSEvent event) {
        }
    }

    static class TypoFixture {
        @Test
        void needsIt(@LambdaEvent("events/broken/typo-field.json") APIGatewayProxyRequestEvent event) {
        }
    }

    static class FolderIntoSingleEvent {
        @Test
        void needsIt(@LambdaEvent("events/orders/") SQSEvent event) {
        }
    }

    private static Throwable failureOf(Class<?> testClass) {
        List<Event> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute()
                .testEvents().failed().list();
        assertEquals(1, failed.size());
        return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    @Test
    void junitReportsMissingFixtureWithFileTypeAndParameter() {
        Throwable t = failureOf(MissingFixture.class);
        assertInstanceOf(ParameterResolutionException.class, t);
        assertTrue(t.getMessage().contains("'events/missing.json' for SQSEvent was not found"), t.getMessage());
        assertTrue(t.getMessage().contains("needsIt"), t.getMessage());
        assertInstanceOf(EventFixtureException.class, t.getCause());
    }

    @Test
    void junitReportsTheBadField() {
        Throwable t = failureOf(TypoFixture.class);
        assertTrue(t.getMessage().contains("'pathParameter'"), t.getMessage());
        assertEquals("pathParameter", ((EventFixtureException) t.getCause()).field());
    }

    @Test
    void junitExplainsFolderParameters() {
        Throwable t = failureOf(FolderIntoSingleEvent.class);
        assertTrue(t.getMessage().contains("names a folder; declare the parameter as List<EventType>"), t.getMessage());
    }
}
