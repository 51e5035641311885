/**
 * Internal: where test servers come from. One class per engine behind {@link dev.serverlessmysql.test.engine.ServerEngine}
 * (external, docker, embedded, local), the selector that picks one, and the registry of the servers this JVM started.
 * Nothing here is API: tests use {@link dev.serverlessmysql.test.MySqlTest} and the types of
 * {@code dev.serverlessmysql.test}, and this package may change in any release.
 */
package dev.serverlessmysql.test.engine;
