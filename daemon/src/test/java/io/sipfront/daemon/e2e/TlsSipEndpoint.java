package io.sipfront.daemon.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A SIP endpoint over TLS for the end-to-end tests, on the JDK's own TLS (not Netty, not our trust manager): a
 * server on a fixed address that reads every connection, and clients that connect from a chosen source address and
 * verify the server's certificate by name with SNI. Everything read arrives in one queue with the connection it came
 * on, so answers and in-dialog requests go back on that connection. OPTIONS are answered 200 and skipped.
 */
public final class TlsSipEndpoint implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** One TLS connection, writes serialized. */
    public final class Connection {
        private final SSLSocket socket;
        private final OutputStream out;

        private Connection(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        public synchronized void send(SipMessage m) throws IOException {
            out.write(m.toBytes());
            out.flush();
        }

        public int localPort() {
            return socket.getLocalPort();
        }

        /** The certificate the other end showed. */
        public X509Certificate peerCertificate() throws IOException {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }

        public void close() throws IOException {
            socket.close();
        }
    }

    /** A message read and the connection it came on. */
    public record Received(SipMessage message, Connection connection) {
    }

    private final SSLContext context;
    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
    private final List<String> skipped = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final String name;
    private SSLServerSocket server;

    private TlsSipEndpoint(String name, SSLContext context) {
        this.name = name;
        this.context = context;
    }

    /** An endpoint showing {@code cert}/{@code key} (PKCS#8 PEM) and trusting the CAs in {@code ca}. */
    public static TlsSipEndpoint of(String name, Path cert, Path key, Path ca) throws Exception {
        return new TlsSipEndpoint(name, context(cert, key, ca));
    }

    /** A client that shows no certificate and trusts the CAs in {@code ca}. */
    public static TlsSipEndpoint withoutCertificate(String name, Path ca) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(ca), null);
        return new TlsSipEndpoint(name, context);
    }

    /** Listens on {@code ip:port}; client certificates are asked for but not required. */
    public TlsSipEndpoint listen(String ip, int port) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.setWantClientAuth(true);
        server.bind(new InetSocketAddress(ip, port));
        Thread accept = new Thread(this::acceptLoop, "tls-peer-" + name);
        accept.setDaemon(true);
        accept.start();
        return this;
    }

    /** A connection from {@code localIp} to {@code ip:port} whose certificate must name {@code verifiedName}. */
    public Connection connect(String localIp, String ip, int port, String verifiedName) throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(localIp, 0));
        plain.connect(new InetSocketAddress(ip, port), 5000);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, verifiedName, port, true);
        SSLParameters p = socket.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName(verifiedName)));
        socket.setSSLParameters(p);
        socket.startHandshake();
        return started(socket);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) server.accept();
                Thread t = new Thread(() -> {
                    try {
                        socket.startHandshake();
                        started(socket);
                    } catch (IOException e) {
                        failures.add(e);
                        closeQuietly(socket);
                    }
                }, "tls-peer-" + name + "-handshake");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private Connection started(SSLSocket socket) throws IOException {
        Connection c = new Connection(socket);
        connections.add(c);
        Thread reader = new Thread(() -> readLoop(c), "tls-peer-" + name + "-read");
        reader.setDaemon(true);
        reader.start();
        return c;
    }

    private void readLoop(Connection c) {
        try {
            InputStream in = c.socket.getInputStream();
            for (SipMessage m = read(in); m != null; m = read(in)) {
                if (m.isRequest() && m.method().equals("OPTIONS")) {
                    skipped.add(m.startLine());
                    c.send(SipPeer.response(m, 200, "OK", null).build());
                } else {
                    queue.add(new Received(m, c));
                }
            }
            failures.add(new java.io.EOFException("closed by the other end"));
        } catch (SocketException closed) {
            // the test closed it
        } catch (IOException e) {
            failures.add(e);
        }
    }

    /** One message framed by Content-Length; CRLF keep-alives before it are skipped. Null at the end of stream. */
    private static SipMessage read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (head.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // keep-alive (RFC 5626 §3.5.1)
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        SipMessage noBody = SipMessage.parse(head.toByteArray(), head.size());
        int length = noBody.header("Content-Length").map(String::trim).map(Integer::parseInt).orElse(0);
        byte[] body = in.readNBytes(length);
        head.write(body);
        return SipMessage.parse(head.toByteArray(), head.size());
    }

    /** The next message matching {@code wanted} within {@code timeout}; fails listing what arrived instead. */
    public Received receive(Predicate<SipMessage> wanted, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> others = new ArrayList<>();
        while (true) {
            Received r = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no " + what + " at " + name + " within " + timeout.toMillis()
                        + " ms; read meanwhile: " + others + "; handshakes failed: " + failures);
            }
            if (wanted.test(r.message())) {
                return r;
            }
            others.add(r.message().startLine());
        }
    }

    /** Everything read so far that was not yet taken by {@link #receive} (OPTIONS excluded). */
    public List<Received> drain() {
        List<Received> out = new ArrayList<>();
        queue.drainTo(out);
        return out;
    }

    /** Failed handshakes, and connections the other end closed or broke (an alert after a TLS 1.3 handshake). */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Whether a connection failed or was closed by the other end within {@code timeout}. */
    public boolean awaitFailure(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return !failures.isEmpty();
    }

    /** Whether {@code c} is one of this endpoint's connections. */
    public boolean owns(Connection c) {
        return connections.contains(c);
    }

    @Override
    public void close() {
        if (server != null) {
            closeQuietly(server);
        }
        for (Connection c : connections) {
            closeQuietly(c.socket);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** A JDK TLS context from PEM files: PKCS#8 EC or RSA key, leaf certificate, CA bundle; TLS 1.2 and 1.3. */
    static SSLContext context(Path cert, Path key, Path ca) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        List<Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(cert)) {
            chain.addAll(x509.generateCertificates(in));
        }
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(key, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", ""));
        String algorithm = ((X509Certificate) chain.get(0)).getPublicKey().getAlgorithm();
        PrivateKey privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("leaf", privateKey, password, chain.toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), trustManagers(ca), null);
        return context;
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Path ca) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        return tmf.getTrustManagers();
    }
}
