package dev.serverlessmysql.leak;

/**
 * One stack frame, reduced to what a leak report shows.
 *
 * @param className the frame's class, binary name ({@code com.example.Handler$Inner})
 * @param methodName the method name
 * @param fileName the source file name, or {@code null} when the class was compiled without it
 * @param line the line number, or a negative number when unknown
 */
public record Frame(String className, String methodName, String fileName, int line) {

    /** The frame as a stack trace shows it: {@code com.example.Handler.handleRequest(Handler.java:23)}. */
    @Override
    public String toString() {
        return className + "." + methodName + "(" + location() + ")";
    }

    /** {@code Handler.java:23}, or the best that is known. */
    public String location() {
        if (fileName == null) {
            return "Unknown Source";
        }
        return line >= 0 ? fileName + ":" + line : fileName;
    }

    /** Parses the form {@link #toString()} writes; returns {@code null} for anything else. */
    public static Frame parse(String text) {
        int open = text.lastIndexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String qualified = text.substring(0, open);
        int dot = qualified.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String where = text.substring(open + 1, close);
        String file = where;
        int line = -1;
        int colon = where.lastIndexOf(':');
        if (colon > 0) {
            try {
                line = Integer.parseInt(where.substring(colon + 1));
                file = where.substring(0, colon);
            } catch (NumberFormatException e) {
                file = where;
            }
        }
        if ("Unknown Source".equals(file)) {
            file = null;
        }
        return new Frame(qualified.substring(0, dot), qualified.substring(dot + 1), file, line);
    }
}
