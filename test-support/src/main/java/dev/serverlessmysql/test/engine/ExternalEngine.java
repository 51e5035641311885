package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A server somebody else runs, named by {@code serverlessmysql.test.url}; it is reached, never started. */
final class ExternalEngine implements ServerEngine {

    private final TestSettings settings;

    ExternalEngine(TestSettings settings) {
        this.settings = settings;
    }

    @Override
    public Engine engine() {
        return Engine.EXTERNAL;
    }

    @Override
    public Optional<String> problem() {
        return settings.get(TestSettings.URL).isPresent() ? Optional.empty()
                : Optional.of(TestSettings.URL + " (or " + TestSettings.envName(TestSettings.URL) + ") is not set");
    }

    @Override
    public String fix() {
        return "Set " + TestSettings.URL + " to a JDBC URL such as jdbc:mysql://127.0.0.1:3306/ with admin"
                + " credentials in " + TestSettings.USER + " and " + TestSettings.PASSWORD + ".";
    }

    @Override
    public boolean startsServers() {
        return false;
    }

    @Override
    public RunningServer launch(List<String> variables) {
        TestSettings.Setting url = settings.get(TestSettings.URL).orElseThrow();
        return ExternalServer.connect(url.value(),
                settings.get(TestSettings.USER).map(TestSettings.Setting::value).orElse(urlParameter(url.value(), "user", "root")),
                settings.get(TestSettings.PASSWORD).map(TestSettings.Setting::value).orElse(urlParameter(url.value(), "password", "")),
                url.source());
    }

    private static String urlParameter(String url, String name, String fallback) {
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.startsWith(name + "=")) {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return fallback;
    }
}
