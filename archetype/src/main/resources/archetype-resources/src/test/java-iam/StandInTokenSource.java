package ${package};

/**
 * A local stand-in for RDS's token signer, registered as a service in src/test/resources (so only the tests use it):
 * it answers every connect with IAM_STAND_IN_TOKEN from the function's environment, which the tests set to the local
 * test user's password. The local test server checks a password and cannot check a real token's signature;
 * IamAuthTokenCredentialsTest checks the real signer's tokens instead.
 */
public final class StandInTokenSource implements IamAuthTokenCredentials.TokenSource {

    /** The variable holding the token the stand-in hands out. */
    static final String VARIABLE = "IAM_STAND_IN_TOKEN";

    @Override
    public String token(String host, int port, String user) {
        String token = System.getenv(VARIABLE);
        if (token == null) {
            throw new IllegalStateException(VARIABLE + " is not set: give the simulated function the local user's password");
        }
        return token;
    }
}
