/**
 * The TCP proxy behind {@link dev.serverlessmysql.test.NetworkFaults}: plain blocking sockets and daemon threads, no
 * dependency. Internal: tests use {@code NetworkFaults}, whose names stay stable; this package may change.
 */
package dev.serverlessmysql.test.network;
