package dev.serverlessmysql.test.dataapi;

/**
 * The cluster and secret this endpoint stands for. Every request must name both, within the service model's length
 * limits (11 to 100 characters); another cluster is not found, another secret is a Secrets Manager error.
 */
final class Target {

    private final String resourceArn;
    private final String secretArn;
    private final String region;

    Target(String resourceArn, String secretArn, String region) {
        this.resourceArn = resourceArn;
        this.secretArn = secretArn;
        this.region = region;
    }

    String resourceArn() {
        return resourceArn;
    }

    String secretArn() {
        return secretArn;
    }

    String region() {
        return region;
    }

    void check(Request r) {
        String resource = r.requiredString("resourceArn", 11, 100);
        String secret = r.requiredString("secretArn", 11, 100);
        if (!resource.equals(resourceArn)) {
            throw ApiError.notFound("The DB cluster " + resource + " is not found. This local Data API serves "
                    + resourceArn + " (DataApiEndpoint.resourceArn()).");
        }
        if (!secret.equals(secretArn)) {
            throw ApiError.secrets("The secret " + secret + " is not found. This local Data API accepts " + secretArn
                    + " (DataApiEndpoint.secretArn()).");
        }
    }

    /**
     * Checks the SigV4 {@code Authorization} header the SDK sends: present, for the {@code rds-data} service and for
     * the cluster's region. The signature itself is not verified.
     */
    void checkSignature(String authorization) {
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            throw ApiError.forbidden("Missing Authentication Token: the request is not signed with SigV4. Call the"
                    + " Data API through an AWS SDK client with credentials (any, for example"
                    + " StaticCredentialsProvider with dummy keys).");
        }
        int at = authorization.indexOf("Credential=");
        if (at < 0) {
            throw ApiError.forbidden("The Authorization header has no Credential scope");
        }
        String[] scope = authorization.substring(at + "Credential=".length()).split("[,\\s]", 2)[0].split("/");
        if (scope.length < 5 || !scope[3].equals("rds-data")) {
            throw ApiError.forbidden("The request is signed for another service; sign it for rds-data");
        }
        if (!scope[2].equals(region)) {
            throw ApiError.notFound("The request is signed for region " + scope[2] + ", but the cluster " + resourceArn
                    + " is in " + region + ". Build the client with Region.of(\"" + region + "\").");
        }
    }
}
