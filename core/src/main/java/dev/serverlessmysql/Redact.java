package dev.serverlessmysql;

import java.util.regex.Pattern;

/** Removes secrets from text that may reach a message, a log line or a {@code toString()}. */
final class Redact {

    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?]*@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)((?:password|pwd|passwd|password[0-9]|token|secret|keyStorePassword|trustStorePassword|"
                    + "clientCertificateKeyStorePassword|trustCertificateKeyStorePassword|serverSslCert)=)[^&;)]*");

    private Redact() {
    }

    /** A JDBC URL without user info and without the value of any password-like parameter. */
    static String url(String url) {
        if (url == null) {
            return null;
        }
        String out = USER_INFO.matcher(url).replaceAll("$1****@");
        return SECRET_PARAM.matcher(out).replaceAll("$1****");
    }

    /** {@code text} with every occurrence of {@code secret} masked; short secrets are left alone. */
    static String secret(String text, String secret) {
        if (text == null || secret == null || secret.length() < 4) {
            return text;
        }
        return text.replace(secret, "****");
    }

    /** The start of a SQL text for a message: at most 200 characters, on one line. */
    static String sql(String sql) {
        if (sql == null) {
            return "null";
        }
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }
}
