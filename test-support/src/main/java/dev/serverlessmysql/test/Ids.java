package dev.serverlessmysql.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Realistic identifiers in the shapes AWS uses. */
final class Ids {

    static final String DEFAULT_REGION = "us-east-1";
    static final String DEFAULT_ACCOUNT = "123456789012";

    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static String hex(int chars) {
        byte[] bytes = new byte[(chars + 1) / 2];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, chars);
    }

    static String upperAlnum(int chars) {
        return pick(UPPER_ALNUM, chars);
    }

    static String lowerAlnum(int chars) {
        return pick(LOWER_ALNUM, chars);
    }

    private static String pick(String alphabet, int chars) {
        StringBuilder out = new StringBuilder(chars);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < chars; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    static String digits(int count) {
        return pick("0123456789", count);
    }

    static String base64(int bytes) {
        byte[] raw = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** An X-Ray trace id: {@code Root=1-<epoch seconds hex>-<24 hex>;Parent=<16 hex>;Sampled=0}. */
    static String xrayTraceId(Instant now) {
        return "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + hex(24) + ";Parent=" + hex(16) + ";Sampled=0";
    }

    /** An IAM unique id for a user or role, such as {@code AIDAIENQZJOLO23YVJ4VO}. */
    static String principalId() {
        return "AIDA" + upperAlnum(17);
    }

    static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(md5(data));
    }

    static String md5Hex(String text) {
        return md5Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
