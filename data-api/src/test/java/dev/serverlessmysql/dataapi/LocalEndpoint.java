package dev.serverlessmysql.dataapi;

import dev.serverlessmysql.test.DataApiEndpoint;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Builders of clients for the local Data API that {@code @MySqlTest(dataApi = true)} starts. */
final class LocalEndpoint {

    private LocalEndpoint() {
    }

    /** A client for the endpoint with dummy credentials, ready for more settings. */
    static DataApiClientBuilder client(DataApiEndpoint endpoint) {
        return DataApiClient.builder().resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
                .database(endpoint.database()).endpoint(endpoint.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret")));
    }
}
