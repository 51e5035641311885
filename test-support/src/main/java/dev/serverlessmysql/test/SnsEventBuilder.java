package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.EventTrees.adopt;
import static dev.serverlessmysql.test.EventTrees.bodyText;
import static dev.serverlessmysql.test.EventTrees.checkName;
import static dev.serverlessmysql.test.EventTrees.child;
import static dev.serverlessmysql.test.EventTrees.emptyBatch;
import static dev.serverlessmysql.test.EventTrees.last;
import static dev.serverlessmysql.test.EventTrees.now;
import static dev.serverlessmysql.test.EventTrees.records;
import static dev.serverlessmysql.test.EventTrees.tree;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.util.Objects;

/** Builds an SNS notification batch ({@link SNSEvent}) with the envelope SNS sends to a Lambda subscription. */
public final class SnsEventBuilder extends SNSEvent {

    private static final long serialVersionUID = 1L;
    private static final String BUILDER = "Events.sns()";

    private transient String topicArn = "arn:aws:sns:" + Ids.DEFAULT_REGION + ":" + Ids.DEFAULT_ACCOUNT + ":test-topic";

    SnsEventBuilder() {
        adopt(this, emptyBatch(), SNSEvent.class, BUILDER);
    }

    /** The topic of the messages added from now on (default {@code test-topic}). */
    public SnsEventBuilder topic(String name) {
        this.topicArn = "arn:aws:sns:" + Ids.DEFAULT_REGION + ":" + Ids.DEFAULT_ACCOUNT + ":" + checkName("Topic name", name);
        return this;
    }

    /** Adds a message without a subject; a message that is not text is written as JSON. */
    public SnsEventBuilder message(Object message) {
        return message(null, message);
    }

    /** Adds a message with a subject. */
    public SnsEventBuilder message(String subject, Object message) {
        String region = topicArn.split(":")[3];
        ObjectNode t = tree(this, SNSEvent.class);
        ObjectNode r = RuntimeJson.TREE.createObjectNode();
        r.put("EventSource", "aws:sns");
        r.put("EventVersion", "1.0");
        r.put("EventSubscriptionArn", topicArn + ":" + Ids.uuid());
        ObjectNode sns = r.putObject("Sns");
        sns.put("Type", "Notification");
        sns.put("MessageId", Ids.uuid());
        sns.put("TopicArn", topicArn);
        if (subject != null) {
            sns.put("Subject", subject);
        }
        sns.put("Message", bodyText(message));
        sns.put("Timestamp", now().toString());
        sns.put("SignatureVersion", "1");
        sns.put("Signature", Ids.base64(256));
        sns.put("SigningCertUrl", "https://sns." + region + ".amazonaws.com/SimpleNotificationService-" + Ids.hex(32) + ".pem");
        sns.put("UnsubscribeUrl", "https://sns." + region + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
                + r.get("EventSubscriptionArn").asText());
        sns.putObject("MessageAttributes");
        records(t, "Records").add(r);
        adopt(this, t, SNSEvent.class, BUILDER);
        return this;
    }

    /** Adds a {@code String} message attribute to the last message. */
    public SnsEventBuilder messageAttribute(String name, String value) {
        ObjectNode t = tree(this, SNSEvent.class);
        ObjectNode attribute = child((ObjectNode) last(records(t, "Records"), "message").get("Sns"), "MessageAttributes")
                .putObject(Objects.requireNonNull(name, "name"));
        attribute.put("Type", "String");
        attribute.put("Value", value);
        adopt(this, t, SNSEvent.class, BUILDER);
        return this;
    }

    /** A plain copy of the batch, as the runtime would deliver it. */
    public SNSEvent build() {
        return RuntimeJson.roundTrip(this, SNSEvent.class);
    }

    /** The batch as the JSON Lambda receives. */
    public String json() {
        return RuntimeJson.toJson(this, SNSEvent.class);
    }
}
