package dev.serverlessmysql.test;

import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;
import software.amazon.awssdk.services.rdsdata.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.rdsdata.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.rdsdata.model.Field;
import software.amazon.awssdk.services.rdsdata.model.SqlParameter;

/** Plain AWS SDK clients for the local Data API, as user code would build them: endpoint override, dummy keys. */
final class SdkClients {

    private SdkClients() {
    }

    /** A client with the SDK's own retries off, so that every answer of the endpoint reaches the test. */
    static RdsDataClient noRetries(DataApiEndpoint endpoint) {
        return RdsDataClient.builder()
                .endpointOverride(endpoint.uri())
                .region(Region.of(endpoint.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A client with the SDK's default retry strategy, as most user code has. */
    static RdsDataClient defaults(DataApiEndpoint endpoint) {
        return RdsDataClient.builder()
                .endpointOverride(endpoint.uri())
                .region(Region.of(endpoint.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static ExecuteStatementRequest.Builder statement(DataApiEndpoint endpoint, String sql, SqlParameter... parameters) {
        return ExecuteStatementRequest.builder().resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
                .database(endpoint.database()).sql(sql).parameters(List.of(parameters));
    }

    static ExecuteStatementResponse run(RdsDataClient client, DataApiEndpoint endpoint, String sql, SqlParameter... parameters) {
        return client.executeStatement(statement(endpoint, sql, parameters).build());
    }

    static SqlParameter param(String name, Field value) {
        return SqlParameter.builder().name(name).value(value).build();
    }

    static SqlParameter param(String name, Field value, String typeHint) {
        return SqlParameter.builder().name(name).value(value).typeHint(typeHint).build();
    }

    static Field longValue(long v) {
        return Field.builder().longValue(v).build();
    }

    static Field stringValue(String v) {
        return Field.builder().stringValue(v).build();
    }
}
