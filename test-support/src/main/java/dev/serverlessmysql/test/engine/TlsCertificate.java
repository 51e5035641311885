package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.TestDatabaseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for test servers started with TLS on. MariaDB 11.4 makes its own at every start
 * (seconds), MariaDB 10.x refuses to start without one ("Failed to setup SSL"); giving every process server the same
 * certificate makes {@code ssl=ON} work alike on each engine. It is made once with the JDK's {@code keytool} and kept
 * in the cache folder.
 */
final class TlsCertificate {

    private static final String PASSWORD = "serverless-mysql-test";
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    /** The PEM files a server needs. */
    record Pem(Path certificate, Path privateKey) {
    }

    private TlsCertificate() {
    }

    /** The certificate and key under {@code cache}, made now if no earlier run made them or they are about to expire. */
    static synchronized Pem in(Path cache) {
        Path folder = cache.resolve("tls");
        Pem files = new Pem(folder.resolve("server-cert.pem"), folder.resolve("server-key.pem"));
        if (isUsable(files.certificate())) {
            return files;
        }
        try {
            Files.createDirectories(cache);
            Path staging = Files.createTempDirectory(cache, "tls.partial-");
            try {
                make(staging);
                FileTrees.deleteQuietly(folder);
                try {
                    Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    // another JVM made one at the same moment; its certificate is as good as ours
                    if (!isUsable(files.certificate())) {
                        throw e;
                    }
                }
            } finally {
                FileTrees.deleteQuietly(staging);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new TestDatabaseException("Could not make a TLS certificate for the test server in " + folder + ": " + e
                    + ". Point serverlessmysql.test.cache at a writable folder, or run with a full JDK (keytool).", e);
        }
        return files;
    }

    private static boolean isUsable(Path certificate) {
        if (!Files.isRegularFile(certificate)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            cert.checkValidity(new Date(System.currentTimeMillis() + RENEW_BEFORE.toMillis()));
            return true;
        } catch (IOException | GeneralSecurityException e) {
            return false;
        }
    }

    private static void make(Path folder) throws IOException, GeneralSecurityException {
        Path keystore = folder.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "keytool.exe" : "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", Long.toString(VALIDITY.toDays()), "-dname", "CN=serverless-mysql-test",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        Path log = folder.resolve("keytool.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(keytool + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + keytool + " ran", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(keytool + " failed with exit code " + process.exitValue() + ": " + Files.readString(log).strip());
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Key key = store.getKey("server", PASSWORD.toCharArray());
        Files.writeString(folder.resolve("server-cert.pem"), pem("CERTIFICATE", store.getCertificate("server").getEncoded()));
        Files.writeString(folder.resolve("server-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        Files.delete(keystore);
        Files.delete(log);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
