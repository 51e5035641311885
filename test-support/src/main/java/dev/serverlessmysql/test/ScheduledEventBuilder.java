package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.EventTrees.adopt;
import static dev.serverlessmysql.test.EventTrees.checkName;
import static dev.serverlessmysql.test.EventTrees.child;
import static dev.serverlessmysql.test.EventTrees.tree;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Builds an EventBridge scheduled event ({@link ScheduledEvent}). */
public final class ScheduledEventBuilder extends ScheduledEvent {

    private static final long serialVersionUID = 1L;
    private static final String BUILDER = "Events.scheduled()";

    ScheduledEventBuilder() {
        ObjectNode t = RuntimeJson.TREE.createObjectNode();
        t.put("version", "0");
        t.put("id", Ids.uuid());
        t.put("detail-type", "Scheduled Event");
        t.put("source", "aws.events");
        t.put("account", Ids.DEFAULT_ACCOUNT);
        t.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        t.put("region", Ids.DEFAULT_REGION);
        t.putArray("resources").add(ruleArn(Ids.DEFAULT_REGION, "test-schedule"));
        t.putObject("detail");
        adopt(this, t, ScheduledEvent.class, BUILDER);
    }

    private static String ruleArn(String region, String rule) {
        return "arn:aws:events:" + region + ":" + Ids.DEFAULT_ACCOUNT + ":rule/" + rule;
    }

    /** The rule that fired (default {@code test-schedule}). */
    public ScheduledEventBuilder rule(String name) {
        ObjectNode t = tree(this, ScheduledEvent.class);
        t.putArray("resources").add(ruleArn(t.path("region").asText(), checkName("Rule name", name)));
        adopt(this, t, ScheduledEvent.class, BUILDER);
        return this;
    }

    /** When it fired (EventBridge reports whole seconds). */
    public ScheduledEventBuilder at(Instant time) {
        ObjectNode t = tree(this, ScheduledEvent.class);
        t.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        adopt(this, t, ScheduledEvent.class, BUILDER);
        return this;
    }

    /** The region, also in the rule ARN. */
    public ScheduledEventBuilder region(String region) {
        ObjectNode t = tree(this, ScheduledEvent.class);
        String rule = t.path("resources").path(0).asText().replaceAll(".*:rule/", "");
        t.put("region", Objects.requireNonNull(region, "region"));
        t.putArray("resources").add(ruleArn(region, rule));
        adopt(this, t, ScheduledEvent.class, BUILDER);
        return this;
    }

    /** A detail entry (a schedule's detail is empty unless the target sets a constant input). */
    public ScheduledEventBuilder detail(String name, Object value) {
        ObjectNode t = tree(this, ScheduledEvent.class);
        child(t, "detail").set(name, RuntimeJson.tree(Events.toJson(value)));
        adopt(this, t, ScheduledEvent.class, BUILDER);
        return this;
    }

    /** A plain copy of the event, as the runtime would deliver it. */
    public ScheduledEvent build() {
        return RuntimeJson.roundTrip(this, ScheduledEvent.class);
    }

    /** The event as the JSON Lambda receives. */
    public String json() {
        return RuntimeJson.toJson(this, ScheduledEvent.class);
    }
}
