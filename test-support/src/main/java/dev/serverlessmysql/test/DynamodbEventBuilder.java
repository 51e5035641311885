package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.EventTrees.adopt;
import static dev.serverlessmysql.test.EventTrees.checkName;
import static dev.serverlessmysql.test.EventTrees.emptyBatch;
import static dev.serverlessmysql.test.EventTrees.now;
import static dev.serverlessmysql.test.EventTrees.records;
import static dev.serverlessmysql.test.EventTrees.tree;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds a DynamoDB stream batch ({@link DynamodbEvent}). Items are plain maps: strings, numbers, booleans, null,
 * nested maps and lists, {@code byte[]} and sets become the matching attribute values.
 */
public final class DynamodbEventBuilder extends DynamodbEvent {

    private static final long serialVersionUID = 1L;
    private static final String BUILDER = "Events.dynamodb()";
    private static final DateTimeFormatter STREAM_LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private transient String table = "test-table";
    private transient String streamLabel = STREAM_LABEL.format(now().minus(1, ChronoUnit.DAYS));
    private transient List<String> keys = List.of();
    private transient String viewType = "NEW_AND_OLD_IMAGES";
    private transient String region = Ids.DEFAULT_REGION;

    DynamodbEventBuilder() {
        adopt(this, emptyBatch(), DynamodbEvent.class, BUILDER);
    }

    /** The table of the records added from now on (default {@code test-table}). */
    public DynamodbEventBuilder table(String name) {
        this.table = checkName("Table name", name);
        return this;
    }

    /** The key attributes (default {@code id} when the item has it, else its first attribute). */
    public DynamodbEventBuilder keys(String... names) {
        this.keys = List.of(names);
        return this;
    }

    /** The stream view type of the records added from now on (default {@code NEW_AND_OLD_IMAGES}). */
    public DynamodbEventBuilder streamViewType(String viewType) {
        this.viewType = Objects.requireNonNull(viewType, "viewType");
        return this;
    }

    /** The region of the records added from now on. */
    public DynamodbEventBuilder region(String region) {
        this.region = Objects.requireNonNull(region, "region");
        return this;
    }

    /** Adds an {@code INSERT} of {@code item}. */
    public DynamodbEventBuilder insert(Map<String, ?> item) {
        return add("INSERT", null, item);
    }

    /** Adds a {@code MODIFY} from {@code oldItem} to {@code newItem}. */
    public DynamodbEventBuilder modify(Map<String, ?> oldItem, Map<String, ?> newItem) {
        return add("MODIFY", oldItem, newItem);
    }

    /** Adds a {@code REMOVE} of {@code item}. */
    public DynamodbEventBuilder remove(Map<String, ?> item) {
        return add("REMOVE", item, null);
    }

    /** A plain copy of the batch, as the runtime would deliver it. */
    public DynamodbEvent build() {
        return RuntimeJson.roundTrip(this, DynamodbEvent.class);
    }

    /** The batch as the JSON Lambda receives. */
    public String json() {
        return RuntimeJson.toJson(this, DynamodbEvent.class);
    }

    private DynamodbEventBuilder add(String eventName, Map<String, ?> oldItem, Map<String, ?> newItem) {
        Map<String, ?> item = newItem != null ? newItem : oldItem;
        Objects.requireNonNull(item, "item");
        if (item.isEmpty()) {
            throw new IllegalArgumentException("A DynamoDB item needs at least its key attributes.");
        }
        List<String> keyNames = keys.isEmpty() ? List.of(item.containsKey("id") ? "id" : item.keySet().iterator().next()) : keys;
        ObjectNode t = tree(this, DynamodbEvent.class);
        ObjectNode r = RuntimeJson.TREE.createObjectNode();
        r.put("eventID", Ids.hex(32));
        r.put("eventName", eventName);
        r.put("eventVersion", "1.1");
        r.put("eventSource", "aws:dynamodb");
        r.put("awsRegion", region);
        ObjectNode d = r.putObject("dynamodb");
        d.put("ApproximateCreationDateTime", now().getEpochSecond());
        ObjectNode keyNode = d.putObject("Keys");
        for (String key : keyNames) {
            if (!item.containsKey(key)) {
                throw new IllegalArgumentException("Key attribute '" + key + "' is missing from the item " + item.keySet() + ".");
            }
            keyNode.set(key, attributeValue(item.get(key)));
        }
        boolean withNew = viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        boolean withOld = viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        if (newItem != null && withNew) {
            d.set("NewImage", image(newItem));
        }
        if (oldItem != null && withOld) {
            d.set("OldImage", image(oldItem));
        }
        d.put("SequenceNumber", (1 + ThreadLocalRandom.current().nextInt(9)) + Ids.digits(20));
        d.put("SizeBytes", RuntimeJson.write(d).length());
        d.put("StreamViewType", viewType);
        r.put("eventSourceARN", "arn:aws:dynamodb:" + region + ":" + Ids.DEFAULT_ACCOUNT + ":table/" + table + "/stream/"
                + streamLabel);
        records(t, "Records").add(r);
        adopt(this, t, DynamodbEvent.class, BUILDER);
        return this;
    }

    private static ObjectNode image(Map<String, ?> item) {
        ObjectNode image = RuntimeJson.TREE.createObjectNode();
        item.forEach((name, value) -> image.set(name, attributeValue(value)));
        return image;
    }

    /** Converts a plain Java value to DynamoDB's attribute value JSON. */
    static ObjectNode attributeValue(Object value) {
        ObjectNode node = RuntimeJson.TREE.createObjectNode();
        if (value == null) {
            node.put("NULL", true);
        } else if (value instanceof CharSequence || value instanceof Enum<?>) {
            node.put("S", value.toString());
        } else if (value instanceof Number number) {
            node.put("N", new BigDecimal(number.toString()).toPlainString());
        } else if (value instanceof Boolean bool) {
            node.put("BOOL", bool);
        } else if (value instanceof byte[] bytes) {
            node.put("B", Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode m = node.putObject("M");
            map.forEach((k, v) -> m.set(String.valueOf(k), attributeValue(v)));
        } else if (value instanceof Set<?> set && !set.isEmpty()) {
            Object first = set.iterator().next();
            String kind = first instanceof Number ? "NS" : first instanceof byte[] ? "BS" : "SS";
            ArrayNode values = node.putArray(kind);
            for (Object element : set) {
                values.add(element instanceof byte[] b ? Base64.getEncoder().encodeToString(b)
                        : element instanceof Number n ? new BigDecimal(n.toString()).toPlainString() : String.valueOf(element));
            }
        } else if (value instanceof Collection<?> list) {
            ArrayNode l = node.putArray("L");
            for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
                l.add(attributeValue(it.next()));
            }
        } else {
            throw new IllegalArgumentException("Cannot store a " + value.getClass().getName() + " in a DynamoDB item;"
                    + " use a String, Number, Boolean, null, byte[], Map, List or Set.");
        }
        return node;
    }
}
