package dev.comms.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small TCP proxy on 127.0.0.1 between a connection pool and PostgreSQL, so a test can take the
 * database away without stopping the shared server: {@link #cut()} drops every connection and refuses
 * new ones until {@link #restore()}; {@link #loseNextCommitAck()} lets the next COMMIT reach the server
 * and drops the connection before its answer comes back (the transaction committed; the client does
 * not know); {@link #loseNextAnswerTo(String)} does the same to the next message carrying a given text
 * (an autocommit statement, which has no COMMIT of its own). Stops by itself when closed.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean down = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicReference<byte[]> loseAnswerTo = new java.util.concurrent.atomic.AtomicReference<>();
    final AtomicInteger cuts = new AtomicInteger();
    final AtomicInteger lostAcks = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Drops every connection and refuses new ones. */
    void cut() {
        down.set(true);
        cuts.incrementAndGet();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Lets connections through again. */
    void restore() {
        down.set(false);
    }

    /** The next COMMIT sent through the proxy reaches the server; its answer never comes back. */
    void loseNextCommitAck() {
        loseNextAnswerTo("COMMIT");
    }

    /**
     * The next client message containing {@code text} (with unnamed statements every execution carries its
     * SQL) reaches the server; its answer never comes back and the connection is dropped.
     */
    void loseNextAnswerTo(String text) {
        loseAnswerTo.set(text.getBytes(StandardCharsets.UTF_8));
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (down.get()) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 2_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                AtomicBoolean mute = new AtomicBoolean(); // set when this pair's next answer must be lost
                pump(client, upstream, true, mute);
                pump(upstream, client, false, mute);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientToServer, AtomicBoolean mute) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    byte[] needle = loseAnswerTo.get();
                    boolean lose = clientToServer && needle != null && contains(buf, n, needle) && loseAnswerTo.compareAndSet(needle, null);
                    if (lose) {
                        mute.set(true); // before the server can answer
                    } else if (!clientToServer && mute.get()) {
                        continue; // the answer to the COMMIT is dropped; the other pump closes the pair
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    if (lose) {
                        // the server gets the COMMIT and commits; its answer never reaches the client
                        Thread.sleep(300);
                        lostAcks.incrementAndGet();
                        closeQuietly(from);
                        closeQuietly(to);
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // connection cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static boolean contains(byte[] buf, int n, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= n; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}
