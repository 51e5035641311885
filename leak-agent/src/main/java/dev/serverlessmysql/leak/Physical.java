package dev.serverlessmysql.leak;

import java.sql.Connection;

/** A physical connection, made by a driver: a session on the server, with who made it and when. */
final class Physical {

    final Connection connection;
    final StackClassifier.Owner kind;
    final Owner owner;
    final TestScope scope;
    final String thread;
    final Attribution.Walk walk;

    Physical(Connection connection, StackClassifier.Owner kind, Owner owner, TestScope scope, String thread,
            Attribution.Walk walk) {
        this.connection = connection;
        this.kind = kind;
        this.owner = owner;
        this.scope = scope;
        this.thread = thread;
        this.walk = walk;
    }

    /** Whether the session is still open; a connection that cannot say counts as closed. */
    boolean isOpen() {
        try {
            return !connection.isClosed();
        } catch (Throwable e) {
            return false;
        }
    }
}
