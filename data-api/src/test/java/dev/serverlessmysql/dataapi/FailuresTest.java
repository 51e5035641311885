package dev.serverlessmysql.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rdsdata.model.BadRequestException;
import software.amazon.awssdk.services.rdsdata.model.DatabaseErrorException;
import software.amazon.awssdk.services.rdsdata.model.RdsDataException;

class FailuresTest {

    private static RdsDataException service(String type, int status, String message) {
        return (RdsDataException) RdsDataException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(type).errorMessage(message).build()).build();
    }

    @Test
    void readsTheMysqlErrorCodeFromEveryKnownMessageForm() {
        assertEquals(1062, Failures.errorCode("Database error code: 1062. Message: Duplicate entry '1' for key 'PRIMARY'"));
        assertEquals(1146, Failures.errorCode("Error code: 1146; SQLState: 42S02"));
        assertEquals("42S02", Failures.sqlState("Error code: 1146; SQLState: 42S02"));
        assertEquals(1213, Failures.errorCode("Deadlock found (errno 1213) (sqlstate 40001)"));
        assertEquals(0, Failures.errorCode("Rate exceeded"));
        assertNull(Failures.sqlState("Database error code: 1062. Message: Duplicate entry"));
    }

    @Test
    void classifiesEveryFailureOnce() {
        assertEquals(Failures.Kind.RESUMING, Failures.kind(service("DatabaseResumingException", 400, "resuming")));
        assertEquals(Failures.Kind.THROTTLED, Failures.kind(service("ThrottlingException", 400, "Rate exceeded")));
        assertEquals(Failures.Kind.THROTTLED, Failures.kind(service("Other", 429, "slow down")));
        assertEquals(Failures.Kind.TIMEOUT, Failures.kind(service("StatementTimeoutException", 400, "timed out")));
        assertEquals(Failures.Kind.TIMEOUT, Failures.kind(ApiCallTimeoutException.create(1000)));
        assertEquals(Failures.Kind.TRANSACTION_GONE, Failures.kind(service("TransactionNotFoundException", 404, "x")));
        assertEquals(Failures.Kind.TRANSACTION_GONE,
                Failures.kind(service("BadRequestException", 400, "Transaction AQ12 is not found")), "Serverless v1");
        assertEquals(Failures.Kind.UNAVAILABLE, Failures.kind(service("ServiceUnavailableError", 503, "")));
        assertEquals(Failures.Kind.UNAVAILABLE, Failures.kind(service("DatabaseUnavailableException", 504, "")));
        assertEquals(Failures.Kind.DEADLOCK, Failures.kind(DatabaseErrorException.builder()
                .statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("DatabaseErrorException")
                        .errorMessage("Database error code: 1213. Message: Deadlock").build()).build()));
        assertEquals(Failures.Kind.OTHER, Failures.kind(BadRequestException.builder()
                .statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("BadRequestException")
                        .errorMessage("Database error code: 1146. Message: no table").build()).build()));
        assertEquals(Failures.Kind.CONNECT, Failures.kind(SdkClientException.create("x", new ConnectException("refused"))));
        assertEquals(Failures.Kind.NETWORK, Failures.kind(SdkClientException.create("x", new IOException("reset"))));
        assertEquals(Failures.Kind.OTHER, Failures.kind(SdkClientException.create("x", new UnknownHostException("typo"))));
        assertEquals(Failures.Kind.OTHER, Failures.kind(SdkClientException.create("bad input")));
    }
}
