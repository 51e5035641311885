package dev.serverlessmysql.test.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy's faults at the socket level, against a server that greets and echoes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpProxyTest {

    private static final int SHORT_READ_MILLIS = 300;
    private static final int PATIENT_READ_MILLIS = 10_000;

    private EchoServer first;
    private EchoServer second;
    private TcpProxy proxy;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        first = new EchoServer("first");
        second = new EchoServer("second");
        proxy = TcpProxy.start("test", first.address());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : clients) {
            s.close();
        }
        proxy.close();
        first.close();
        second.close();
    }

    @Test
    void forwardsBothWaysAndListensOnLoopbackBelowTheEphemeralPorts() throws IOException {
        Socket c = connect();
        assertEquals("first>", read(c, 6));
        send(c, "hello");
        assertEquals("hello", read(c, 5));
        assertEquals(1, proxy.openConnections());
        assertEquals("127.0.0.1", proxy.host());
        assertTrue(proxy.port() < 32768, "port " + proxy.port() + " must lie below Linux's ephemeral range");
    }

    @Test
    void aBlackHoleHoldsBytesWithoutClosingAndDeliversThemAfterHeal() throws IOException {
        Socket c = connect();
        assertEquals("first>", read(c, 6));
        proxy.blackhole();
        send(c, "ping");
        assertTimesOut(c);
        assertTrue(proxy.isBlackholed());
        proxy.heal();
        assertEquals("ping", read(c, 4));
    }

    @Test
    void aBlackHoleSwallowsTheServersCloseAndReset() throws IOException {
        Socket c = connect();
        assertEquals("first>", read(c, 6));
        proxy.blackhole();
        first.closeConnections();
        assertTimesOut(c);
        proxy.heal();
        c.setSoTimeout(PATIENT_READ_MILLIS);
        assertEquals(-1, c.getInputStream().read(), "the server's FIN arrives once the path heals");
    }

    @Test
    void aNewConnectDuringABlackHoleIsAcceptedButReachesNoServer() throws IOException {
        proxy.blackhole();
        Socket c = connect();
        assertTimesOut(c);
        assertEquals(0, first.connections(), "not even the connect may reach the server");
        proxy.heal();
        assertEquals("first>", read(c, 6));
        assertEquals(1, first.connections());
    }

    @Test
    void resetConnectionsSendsAResetToBothSidesAndNewConnectionsStillWork() throws IOException {
        Socket c = connect();
        assertEquals("first>", read(c, 6));
        proxy.resetConnections();
        c.setSoTimeout(PATIENT_READ_MILLIS);
        SocketException reset = assertThrows(SocketException.class, () -> c.getInputStream().read());
        assertTrue(reset.getMessage().contains("reset"), reset.toString());
        Socket fresh = connect();
        assertEquals("first>", read(fresh, 6));
    }

    @Test
    void refuseNewRefusesConnectsWhileOpenConnectionsGoOn() throws IOException {
        Socket open = connect();
        assertEquals("first>", read(open, 6));
        proxy.refuseNew();
        assertTrue(proxy.isRefusing());
        assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress(proxy.host(), proxy.port()), 5000));
        send(open, "still");
        assertEquals("still", read(open, 5));
        int port = proxy.port();
        proxy.heal();
        assertEquals(port, proxy.port());
        Socket fresh = connect();
        assertEquals("first>", read(fresh, 6));
    }

    @Test
    void latencyDelaysEachDirection() throws IOException {
        Socket c = connect();
        assertEquals("first>", read(c, 6));
        proxy.latency(Duration.ofMillis(150));
        long start = System.nanoTime();
        send(c, "slow");
        assertEquals("slow", read(c, 4));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 300, "a round trip through 150 ms each way took " + millis + " ms");
    }

    @Test
    void aLatencyChangeAppliesToBytesAlreadyWaiting() throws IOException {
        Socket c = connect();
        assertEquals("first>", read(c, 6));
        proxy.latency(Duration.ofMinutes(5));
        send(c, "now");
        assertTimesOut(c);
        proxy.latency(Duration.ZERO);
        assertEquals("now", read(c, 3));
        assertThrows(IllegalArgumentException.class, () -> proxy.latency(Duration.ofMillis(-1)));
    }

    @Test
    void routeToSendsNewConnectionsElsewhereAndLeavesOpenOnesWhereTheyAre() throws IOException {
        Socket old = connect();
        assertEquals("first>", read(old, 6));
        proxy.routeTo(second.address());
        Socket fresh = connect();
        assertEquals("second>", read(fresh, 7));
        send(old, "old");
        assertEquals("old", read(old, 3));
        assertEquals(1, first.connections());
        assertEquals(1, second.connections());
    }

    @Test
    void aTargetThatRefusesResetsTheClient() throws IOException {
        // a port bound by a socket that never listens refuses every connect, and no other test's server can take it
        // meanwhile, as a parallel test's server did take a port freed by closing its listener
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress(first.address().getAddress(), 0));
            proxy.routeTo((InetSocketAddress) holder.getLocalSocketAddress());
            // the reset may even beat the client's own connect() to its return
            SocketException reset = assertThrows(SocketException.class, () -> {
                Socket c = connect();
                c.setSoTimeout(PATIENT_READ_MILLIS);
                c.getInputStream().read();
            });
            assertTrue(reset.getMessage().contains("reset"), reset.toString());
        }
    }

    @Test
    void closeEndsEveryThreadAndFreesThePortEvenDuringABlackHole() throws IOException {
        Socket open = connect();
        assertEquals("first>", read(open, 6));
        proxy.blackhole();
        connect();
        int port = proxy.port();
        proxy.close();
        List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(TcpProxy.THREAD_PREFIX + "test-" + port)).toList();
        assertEquals(List.of(), left, "threads left by the proxy");
        assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress(proxy.host(), port), 5000));
        assertEquals(0, proxy.openConnections());
        assertThrows(IllegalStateException.class, proxy::heal);
        proxy.close(); // a second close is harmless
    }

    @Test
    void proxyThreadsAreDaemonThreads() throws IOException {
        Socket c = connect();
        assertEquals("first>", read(c, 6));
        List<Thread> mine = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(TcpProxy.THREAD_PREFIX + "test-" + proxy.port())).toList();
        assertFalse(mine.isEmpty());
        assertTrue(mine.stream().allMatch(Thread::isDaemon), mine.toString());
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        clients.add(s);
        s.connect(new InetSocketAddress(proxy.host(), proxy.port()), 5000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String read(Socket s, int length) throws IOException {
        s.setSoTimeout(PATIENT_READ_MILLIS);
        InputStream in = s.getInputStream();
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** A black-holed read must end in a timeout: not in data, not in EOF, not in a reset. */
    private static void assertTimesOut(Socket s) throws IOException {
        s.setSoTimeout(SHORT_READ_MILLIS);
        assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
    }
}
