package dev.serverlessmysql.test.engine;

/** Keeps passwords out of messages: URLs lose their credentials, and known secrets are masked in free text. */
final class Redaction {

    private Redaction() {
    }

    /** The URL without a password in its user-info part or its query parameters. */
    static String url(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(//[^/@:]*):[^/@]*@", "$1:****@")
                .replaceAll("(?i)((?:password|pwd|passwd)=)[^&;]*", "$1****");
    }

    /** The text with every occurrence of {@code secret} masked. */
    static String text(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "****");
    }
}
