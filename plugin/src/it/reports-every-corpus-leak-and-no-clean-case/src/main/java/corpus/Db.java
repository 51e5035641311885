package corpus;

/** Where the handlers connect; set by the tests, as a Lambda reads its environment. */
public final class Db {
    public static String url;
    public static String user;
    public static String password;

    private Db() {
    }

    /** The URL with extra parameters. */
    public static String url(String params) {
        return url + (url.contains("?") ? "&" : "?") + params;
    }
}
