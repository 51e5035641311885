package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactTest {

    @Test
    void urlsLoseUserInfoAndPasswordParameters() {
        assertEquals("jdbc:mysql://host:3306/app", Redact.url("jdbc:mysql://host:3306/app"));
        assertEquals("jdbc:mysql://****@host:3306/app", Redact.url("jdbc:mysql://app:s3cret@host:3306/app"));
        assertEquals("jdbc:mysql://host/app?user=app&password=****&sslMode=REQUIRED",
                Redact.url("jdbc:mysql://host/app?user=app&password=s3cret&sslMode=REQUIRED"));
        assertEquals("jdbc:mariadb://host/app?PWD=****", Redact.url("jdbc:mariadb://host/app?PWD=s3cret"));
        assertEquals("jdbc:mysql://host/app?trustCertificateKeyStorePassword=****",
                Redact.url("jdbc:mysql://host/app?trustCertificateKeyStorePassword=s3cret"));
    }

    @Test
    void secretsAreMaskedInText() {
        assertEquals("token **** expired", Redact.secret("token abcdef expired", "abcdef"));
        assertFalse(Redact.secret("pw=hunter2!", "hunter2!").contains("hunter2!"));
        assertEquals("unchanged", Redact.secret("unchanged", null));
    }

    @Test
    void sqlIsFlattenedAndShortened() {
        assertEquals("SELECT 1 FROM t", Redact.sql("  SELECT 1\n   FROM t "));
        assertEquals(203, Redact.sql("x".repeat(500)).length());
    }
}
