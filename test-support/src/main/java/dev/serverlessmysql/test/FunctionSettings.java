package dev.serverlessmysql.test;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import java.time.Duration;
import java.time.InstantSource;
import java.util.regex.Pattern;

/**
 * The settings behind a {@link TestContext.Builder}, kept apart so that every context holds its own frozen copy and
 * the builder stays a thin public face. Checked against Lambda's limits when a context is built.
 */
final class FunctionSettings {

    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern VERSION = Pattern.compile("\\$LATEST|[0-9]{1,10}|[A-Za-z0-9_-]{1,128}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-[0-9]");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    String functionName = TestContext.DEFAULT_FUNCTION_NAME;
    String functionVersion = "$LATEST";
    String invokedFunctionArn;
    int memoryLimitInMB = TestContext.DEFAULT_MEMORY_MB;
    Duration timeout = TestContext.DEFAULT_TIMEOUT;
    String region = Ids.DEFAULT_REGION;
    String accountId = Ids.DEFAULT_ACCOUNT;
    String logGroupName;
    String logStreamName;
    String awsRequestId;
    String xrayTraceId;
    CognitoIdentity identity;
    ClientContext clientContext;
    String tenantId;
    InstantSource clock = InstantSource.system();
    boolean echoLogs = true;
    /** Name settings after @LambdaFunction's attributes in error messages. */
    boolean attributeNames;

    FunctionSettings copy() {
        FunctionSettings b = new FunctionSettings();
        b.functionName = functionName;
        b.functionVersion = functionVersion;
        b.invokedFunctionArn = invokedFunctionArn;
        b.memoryLimitInMB = memoryLimitInMB;
        b.timeout = timeout;
        b.region = region;
        b.accountId = accountId;
        b.logGroupName = logGroupName;
        b.logStreamName = logStreamName;
        b.awsRequestId = awsRequestId;
        b.xrayTraceId = xrayTraceId;
        b.identity = identity;
        b.clientContext = clientContext;
        b.tenantId = tenantId;
        b.clock = clock;
        b.echoLogs = echoLogs;
        b.attributeNames = attributeNames;
        return b;
    }

    void validate() {
        if (functionName == null || !FUNCTION_NAME.matcher(functionName).matches()) {
            throw invalid(attributeNames ? "name" : "functionName", functionName,
                    "1 to 64 letters, digits, hyphens or underscores");
        }
        if (functionVersion == null || !VERSION.matcher(functionVersion).matches()) {
            throw invalid(attributeNames ? "version" : "functionVersion", functionVersion,
                    "$LATEST or a version number such as 7");
        }
        if (memoryLimitInMB < 128 || memoryLimitInMB > 10_240) {
            throw invalid(attributeNames ? "memory" : "memoryLimitInMB", memoryLimitInMB, "128 to 10240 (MB)");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw invalid(attributeNames ? "timeout" : "timeout", timeout == null ? null
                            : attributeNames ? timeout.toMillis() + " ms" : timeout,
                    "more than 0 and at most 15 minutes (900 s)");
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw invalid("region", region, "a region name such as us-east-1");
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw invalid(attributeNames ? "account" : "accountId", accountId, "12 digits");
        }
        if (invokedFunctionArn != null && !invokedFunctionArn.startsWith("arn:aws")) {
            throw invalid(attributeNames ? "arn" : "invokedFunctionArn", invokedFunctionArn,
                    "an ARN such as arn:aws:lambda:us-east-1:123456789012:function:orders");
        }
    }

    private IllegalArgumentException invalid(String setting, Object value, String allowed) {
        return new IllegalArgumentException((attributeNames ? "@LambdaFunction(" + setting + ")" : "TestContext " + setting)
                + " is '" + value + "'; allowed: " + allowed + ".");
    }
}
