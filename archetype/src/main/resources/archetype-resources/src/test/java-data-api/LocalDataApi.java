package ${package};

import dev.serverlessmysql.dataapi.DataApiClient;
import dev.serverlessmysql.test.DataApiEndpoint;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Clients for the local Data API that {@code @MySqlTest(dataApi = true)} starts: no AWS account needed. */
final class LocalDataApi {

    private LocalDataApi() {
    }

    static DataApiClient client(DataApiEndpoint endpoint) {
        return DataApiClient.builder().resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
                .database(endpoint.database()).endpoint(endpoint.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }
}
