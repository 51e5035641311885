package dev.serverlessmysql.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;

class DataApiClientBuilderTest {

    private static final String CLUSTER = "arn:aws:rds:eu-west-1:123456789012:cluster:orders";
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-AbCdEf";

    @Test
    void everyWrongSettingIsNamedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataApiClient.builder()
                .resourceArn("orders").secretArn("").database("x".repeat(65)).retryDeadline(Duration.ZERO)
                .maxRetries(-1).maxQueryRetries(5000).endpoint(URI.create("ftp://host")).build());
        String m = e.getMessage();
        for (String part : new String[] {"resourceArn must be a cluster ARN", "secretArn is required", "database must be",
                "retryDeadline must be", "maxRetries must be", "maxQueryRetries must be", "endpoint must be an http(s) URL"}) {
            assertTrue(m.contains(part), part + " missing from: " + m);
        }
    }

    @Test
    void fromEnvironmentReadsTheDocumentedVariablesAndNamesTheMissingOnes() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DataApiClient.builder().fromEnvironment(Map.<String, String>of()::get).build());
        assertTrue(missing.getMessage().contains("DATA_API_RESOURCE_ARN is not set"), missing.getMessage());
        assertTrue(missing.getMessage().contains("DATA_API_SECRET_ARN is not set"), missing.getMessage());

        Map<String, String> env = Map.of("DATA_API_RESOURCE_ARN", CLUSTER, "DATA_API_SECRET_ARN", SECRET,
                "DATA_API_DATABASE", "orders", "DATA_API_ENDPOINT", "http://127.0.0.1:1");
        try (DataApiClient client = DataApiClient.builder().fromEnvironment(env::get)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            assertEquals("DataApiClient[" + CLUSTER + ", orders]", client.toString());
            assertEquals(Region.EU_WEST_1, client.rdsDataClient().serviceClientConfiguration().region(),
                    "the region comes from the cluster's ARN");
            assertEquals(URI.create("http://127.0.0.1:1"),
                    client.rdsDataClient().serviceClientConfiguration().endpointOverride().orElseThrow());
        }
        IllegalArgumentException badUrl = assertThrows(IllegalArgumentException.class, () -> DataApiClient.builder()
                .fromEnvironment(Map.of("DATA_API_RESOURCE_ARN", CLUSTER, "DATA_API_SECRET_ARN", SECRET,
                        "DATA_API_ENDPOINT", "not a url")::get).build());
        assertTrue(badUrl.getMessage().contains("DATA_API_ENDPOINT"), badUrl.getMessage());
    }

    @Test
    void anExplicitRegionWinsAndAPrebuiltClientIsUsedAsItIsAndLeftOpen() {
        try (DataApiClient client = DataApiClient.builder().resourceArn(CLUSTER).secretArn(SECRET).region(Region.US_WEST_2)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            assertEquals(Region.US_WEST_2, client.rdsDataClient().serviceClientConfiguration().region());
        }
        RdsDataClient own = RdsDataClient.builder().region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
        try {
            DataApiClient client = DataApiClient.builder().resourceArn(CLUSTER).secretArn(SECRET).rdsDataClient(own).build();
            assertSame(own, client.rdsDataClient());
            client.close();
            assertFalse(own.serviceName().isEmpty(), "still usable");
            IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> DataApiClient.builder()
                    .resourceArn(CLUSTER).secretArn(SECRET).rdsDataClient(own).region(Region.EU_WEST_1).build());
            assertTrue(both.getMessage().contains("configure those on the RdsDataClient"), both.getMessage());
        } finally {
            own.close();
        }
    }
}
