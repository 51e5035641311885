package ${package};

import dev.serverlessmysql.Credentials;
import java.net.URI;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * The database user and a fresh RDS IAM authentication token as its password, for every new connection: no password
 * anywhere, and a token (valid 15 minutes) is never reused. The token is a SigV4-presigned request that the function
 * signs locally with its execution role's credentials (no call to AWS); the database checks it, which needs the role
 * to hold rds-db:connect on this database user and the connection to use TLS.
 */
public final class IamAuthTokenCredentials implements Supplier<Credentials> {

    /** Makes one authentication token for a connect: RDS's signer in the function, a stand-in in local tests. */
    public interface TokenSource {
        /** A token for {@code user} at {@code host}:{@code port}. */
        String token(String host, int port, String user);
    }

    private static final int DEFAULT_PORT = 3306;

    private final String jdbcUrl;
    private final String host;
    private final int port;
    private final String user;
    private final TokenSource tokens;

    IamAuthTokenCredentials(String jdbcUrl, String host, int port, String user, TokenSource tokens) {
        this.jdbcUrl = jdbcUrl;
        this.host = host;
        this.port = port;
        this.user = user;
        this.tokens = tokens;
    }

    /**
     * Reads DB_URL (the database's JDBC URL, whose host and port the token is for), DB_USER (a database user created
     * {@code IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS'}), AWS_REGION and the execution role's credentials
     * that Lambda puts in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. A {@link TokenSource}
     * registered as a service (only the local tests register one) replaces RDS's signer.
     *
     * @throws IllegalStateException naming the variable that is missing or wrong
     */
    public static IamAuthTokenCredentials fromEnvironment() {
        return fromEnvironment(System::getenv, ServiceLoader.load(TokenSource.class,
                IamAuthTokenCredentials.class.getClassLoader()).findFirst());
    }

    /** As {@link #fromEnvironment()}, reading the variables through {@code variables}; {@code standIn} replaces RDS's signer. */
    static IamAuthTokenCredentials fromEnvironment(Function<String, String> variables, Optional<TokenSource> standIn) {
        String url = required(variables, "DB_URL", "the JDBC URL of the database, for example"
                + " jdbc:mysql://orders.cluster-xyz.us-east-1.rds.amazonaws.com:3306/orders?sslMode=VERIFY_IDENTITY");
        String user = required(variables, "DB_USER", "the database user that signs in with an IAM token");
        URI address = address(url);
        int port = address.getPort() == -1 ? DEFAULT_PORT : address.getPort();
        TokenSource tokens = standIn.orElseGet(() -> rds(Region.of(required(variables, "AWS_REGION",
                "the function's region, which Lambda sets")), environmentCredentials(variables)));
        return new IamAuthTokenCredentials(url, address.getHost(), port, user, tokens);
    }

    /**
     * RDS's signer for {@code region}, with {@code credentials} asked again for every token. It needs no HTTP client:
     * it signs locally.
     */
    static TokenSource rds(Region region, AwsCredentialsProvider credentials) {
        RdsUtilities rds = RdsUtilities.builder().region(region).credentialsProvider(credentials).build();
        return (host, port, user) -> rds.generateAuthenticationToken(request -> request.hostname(host).port(port).username(user));
    }

    /**
     * The execution role's temporary credentials, read from {@code variables} at every token. Lambda sets them as
     * environment variables; reading them here (not through the SDK's default chain) keeps the SDK from probing
     * profiles, containers and instance metadata.
     */
    static AwsCredentialsProvider environmentCredentials(Function<String, String> variables) {
        return () -> AwsSessionCredentials.create(
                required(variables, "AWS_ACCESS_KEY_ID", "the execution role's access key, which Lambda sets"),
                required(variables, "AWS_SECRET_ACCESS_KEY", "the execution role's secret key, which Lambda sets"),
                required(variables, "AWS_SESSION_TOKEN", "the execution role's session token, which Lambda sets"));
    }

    private static URI address(String url) {
        if (url.startsWith("jdbc:")) {
            try {
                URI uri = URI.create(url.substring("jdbc:".length()));
                if (uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException e) {
                // reported below, without the URL's parameters
            }
        }
        int query = url.indexOf('?');
        throw new IllegalStateException("DB_URL must be a JDBC URL with a host, such as jdbc:mysql://host:3306/orders;"
                + " was '" + (query < 0 ? url : url.substring(0, query)) + "'");
    }

    private static String required(Function<String, String> variables, String name, String what) {
        String value = variables.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: set it to " + what + " (template.yaml sets the function's).");
        }
        return value.trim();
    }

    /** The JDBC URL the token is for. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user and a token made now for this host, port and user. */
    @Override
    public Credentials get() {
        return Credentials.of(user, tokens.token(host, port, user));
    }

    /** Names the user and the database only; a token never reaches a log line. */
    @Override
    public String toString() {
        return "IamAuthTokenCredentials[" + user + "@" + host + ":" + port + "]";
    }
}
