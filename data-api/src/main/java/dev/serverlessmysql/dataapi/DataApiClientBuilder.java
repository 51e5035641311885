package dev.serverlessmysql.dataapi;

import dev.serverlessmysql.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;
import software.amazon.awssdk.services.rdsdata.RdsDataClientBuilder;

/**
 * Settings for a {@link DataApiClient}. Nothing is checked until {@link #build()}, which reports every wrong value at
 * once. Without a prebuilt {@link RdsDataClient}, the client builds one with the JDK's URL connection as HTTP client,
 * the SDK's own retries off (the client has one retry loop) and the region of the cluster's ARN.
 */
public final class DataApiClientBuilder {

    private static final Pattern CLUSTER_ARN = Pattern.compile("arn:(aws[a-z-]*):rds:([a-z0-9-]+):(\\d{12}):cluster:(.+)");

    private String resourceArn;
    private String secretArn;
    private String database;
    private Region region;
    private URI endpoint;
    private AwsCredentialsProvider credentialsProvider;
    private RdsDataClient rdsDataClient;
    private Duration retryDeadline = Duration.ofSeconds(30);
    private Duration remainingTimeMargin = Duration.ofMillis(500);
    private int maxRetries = 50;
    private int maxQueryRetries;
    private Backoff backoff;
    private boolean fromEnvironment;

    DataApiClientBuilder() {
    }

    /** The ARN of the Aurora cluster, {@code arn:aws:rds:<region>:<account>:cluster:<name>}. */
    public DataApiClientBuilder resourceArn(String resourceArn) {
        this.resourceArn = resourceArn;
        return this;
    }

    /** The ARN of the Secrets Manager secret with the database user's credentials. */
    public DataApiClientBuilder secretArn(String secretArn) {
        this.secretArn = secretArn;
        return this;
    }

    /** The database statements run in; without one, the secret's default (or none). */
    public DataApiClientBuilder database(String database) {
        this.database = database;
        return this;
    }

    /** The region; defaults to the region in the cluster's ARN. */
    public DataApiClientBuilder region(Region region) {
        this.region = region;
        return this;
    }

    /** Another endpoint, for example a local Data API in tests or a VPC endpoint. */
    public DataApiClientBuilder endpoint(URI endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    /** Where AWS credentials come from; defaults to the SDK's default chain (in Lambda, the function's role). */
    public DataApiClientBuilder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
        this.credentialsProvider = credentialsProvider;
        return this;
    }

    /**
     * A client built elsewhere, used instead of building one; it is not closed by {@link DataApiClient#close()}.
     * Its own retry settings stay as they are, so turn its retries off if the client's retry deadline should hold.
     */
    public DataApiClientBuilder rdsDataClient(RdsDataClient rdsDataClient) {
        this.rdsDataClient = rdsDataClient;
        return this;
    }

    /** The longest one operation spends retrying a resuming cluster, throttling or a fault; default 30 s. */
    public DataApiClientBuilder retryDeadline(Duration retryDeadline) {
        this.retryDeadline = retryDeadline;
        return this;
    }

    /** With {@code remainingTime(...)}, calls and retries stop this long before the invocation's end; default 500 ms. */
    public DataApiClientBuilder remainingTimeMargin(Duration remainingTimeMargin) {
        this.remainingTimeMargin = remainingTimeMargin;
        return this;
    }

    /** The most retries of one operation; default 50 (the deadline usually ends them first). */
    public DataApiClientBuilder maxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    /** Retries of a single statement outside a transaction after a deadlock or lock wait timeout; default 0. */
    public DataApiClientBuilder maxQueryRetries(int maxQueryRetries) {
        this.maxQueryRetries = maxQueryRetries;
        return this;
    }

    /** The wait before each retry; default {@code Backoff.fullJitter(100 ms, 5 s)}, for a cluster that takes seconds to resume. */
    public DataApiClientBuilder backoff(Backoff backoff) {
        this.backoff = backoff;
        return this;
    }

    /** Reads {@code DATA_API_RESOURCE_ARN}, {@code DATA_API_SECRET_ARN}, {@code DATA_API_DATABASE} and {@code DATA_API_ENDPOINT}. */
    public DataApiClientBuilder fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** Like {@link #fromEnvironment()}, reading the variables from {@code variables}. */
    public DataApiClientBuilder fromEnvironment(Function<String, String> variables) {
        this.fromEnvironment = true;
        this.resourceArn = variables.apply("DATA_API_RESOURCE_ARN");
        this.secretArn = variables.apply("DATA_API_SECRET_ARN");
        String db = variables.apply("DATA_API_DATABASE");
        this.database = db == null || db.isBlank() ? null : db;
        String url = variables.apply("DATA_API_ENDPOINT");
        if (url != null && !url.isBlank()) {
            try {
                this.endpoint = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                this.endpoint = URI.create("invalid:" + url.hashCode());
            }
        }
        return this;
    }

    /**
     * Checks every setting and builds the client.
     *
     * @throws IllegalArgumentException naming every wrong setting and what it should be
     */
    public DataApiClient build() {
        List<String> problems = new ArrayList<>();
        Matcher arn = resourceArn == null ? null : CLUSTER_ARN.matcher(resourceArn.trim());
        if (resourceArn == null || resourceArn.isBlank()) {
            problems.add("resourceArn is required" + (fromEnvironment ? ": the environment variable DATA_API_RESOURCE_ARN is not set" : ""));
        } else if (!arn.matches()) {
            problems.add("resourceArn must be a cluster ARN such as arn:aws:rds:us-east-1:123456789012:cluster:orders, was '"
                    + resourceArn + "'");
        }
        if (secretArn == null || secretArn.isBlank()) {
            problems.add("secretArn is required" + (fromEnvironment ? ": the environment variable DATA_API_SECRET_ARN is not set" : ""));
        } else if (!secretArn.trim().startsWith("arn:") || secretArn.trim().length() > 100) {
            problems.add("secretArn must be a Secrets Manager ARN of at most 100 characters, such as"
                    + " arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-AbCdEf");
        }
        if (database != null && (database.isBlank() || database.length() > 64)) {
            problems.add("database must be 1 to 64 characters, was '" + database + "'");
        }
        if (endpoint != null && (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http") || endpoint.getHost() == null)) {
            problems.add("endpoint must be an http(s) URL such as http://127.0.0.1:8080, was '" + endpoint + "'"
                    + (fromEnvironment ? " (from DATA_API_ENDPOINT)" : ""));
        }
        if (rdsDataClient != null && (region != null || endpoint != null || credentialsProvider != null)) {
            problems.add("rdsDataClient is set together with region, endpoint or credentialsProvider; configure those on"
                    + " the RdsDataClient instead");
        }
        checkDuration(problems, "retryDeadline", retryDeadline, Duration.ofMillis(1), Duration.ofMinutes(15));
        checkDuration(problems, "remainingTimeMargin", remainingTimeMargin, Duration.ZERO, Duration.ofMinutes(15));
        if (maxRetries < 0 || maxRetries > 10_000) {
            problems.add("maxRetries must be 0 to 10000, was " + maxRetries);
        }
        if (maxQueryRetries < 0 || maxQueryRetries > 1_000) {
            problems.add("maxQueryRetries must be 0 to 1000, was " + maxQueryRetries);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid DataApiClient settings: " + String.join("; ", problems));
        }
        Settings settings = new Settings(resourceArn.trim(), secretArn.trim(), database, retryDeadline, remainingTimeMargin,
                maxRetries, maxQueryRetries, backoff != null ? backoff : Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(5)));
        if (rdsDataClient != null) {
            return new DataApiClient(settings, rdsDataClient, false);
        }
        RdsDataClientBuilder sdk = RdsDataClient.builder()
                .region(region != null ? region : Region.of(arn.group(2)))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (endpoint != null) {
            sdk.endpointOverride(endpoint);
        }
        if (credentialsProvider != null) {
            sdk.credentialsProvider(credentialsProvider);
        }
        return new DataApiClient(settings, sdk.build(), true);
    }

    private static void checkDuration(List<String> problems, String name, Duration d, Duration min, Duration max) {
        if (d == null) {
            problems.add(name + " must not be null");
        } else if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.add(name + " must be " + min.toMillis() + " ms to " + max.toMinutes() + " min, was " + d.toMillis() + " ms");
        }
    }
}
