package io.sipfront.daemon.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SIP message as bytes for the raw-socket tests: start line, header lines in order, and the
 * body exactly as given by Content-Length. Deliberately minimal (no compact forms except
 * {@code l:}, no folding): it only has to read what Sipfront forwards to it.
 */
public record SipMessage(String startLine, List<Map.Entry<String, String>> headers, byte[] body) {
    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

    public SipMessage {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    public static SipMessage parse(byte[] data, int length) {
        int end = indexOf(data, length, CRLFCRLF);
        if (end < 0) {
            throw new IllegalArgumentException("no end of headers in:\n" + new String(data, 0, length, StandardCharsets.UTF_8));
        }
        String head = new String(data, 0, end, StandardCharsets.UTF_8);
        String[] lines = head.split("\r\n");
        List<Map.Entry<String, String>> hs = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                hs.add(Map.entry(lines[i].substring(0, c).trim(), lines[i].substring(c + 1).trim()));
            }
        }
        int bodyStart = end + 4;
        SipMessage noBody = new SipMessage(lines[0], hs, new byte[0]);
        int len = noBody.header("Content-Length").or(() -> noBody.header("l")).map(Integer::parseInt).orElse(length - bodyStart);
        if (bodyStart + len > length) {
            throw new IllegalArgumentException("Content-Length " + len + " exceeds the " + (length - bodyStart)
                    + " bytes after the headers");
        }
        return new SipMessage(lines[0], hs, Arrays.copyOfRange(data, bodyStart, bodyStart + len));
    }

    public boolean isRequest() {
        return !startLine.startsWith("SIP/2.0 ");
    }

    /** Request method, or the CSeq method of a response. */
    public String method() {
        if (isRequest()) {
            return startLine.substring(0, startLine.indexOf(' '));
        }
        String cseq = header("CSeq").orElse("0 ?");
        return cseq.substring(cseq.indexOf(' ') + 1).trim();
    }

    /** The number of the CSeq header. */
    public long cseqNumber() {
        return Long.parseLong(header("CSeq").orElseThrow().trim().split("\\s+")[0]);
    }

    public String callId() {
        return header("Call-ID").orElseThrow().trim();
    }

    public int status() {
        return isRequest() ? 0 : Integer.parseInt(startLine.substring(8, 11));
    }

    public String requestUri() {
        String[] p = startLine.split(" ");
        return p[1];
    }

    /** First value of a header (case-insensitive name). */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** Every value of a header, in order, comma-separated values split (outside angle brackets and quotes). */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                out.addAll(splitCommas(h.getValue()));
            }
        }
        return out;
    }

    static List<String> splitCommas(String v) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(v.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(v.substring(start).trim());
        return out;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder sb = new StringBuilder(startLine).append("\r\n");
        for (Map.Entry<String, String> h : headers) {
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        sb.append("\r\n");
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    /** Builds a message; Content-Length is added last, from the body. */
    public static final class Builder {
        private final String startLine;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body = new byte[0];

        public Builder(String startLine) {
            this.startLine = startLine;
        }

        public Builder header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        public Builder headers(String name, List<String> values) {
            for (String v : values) {
                header(name, v);
            }
            return this;
        }

        public Builder body(String contentType, byte[] b) {
            header("Content-Type", contentType);
            this.body = b.clone();
            return this;
        }

        public SipMessage build() {
            List<Map.Entry<String, String>> hs = new ArrayList<>(headers);
            hs.add(Map.entry("Content-Length", Integer.toString(body.length)));
            return new SipMessage(startLine, hs, body);
        }
    }

    private static int indexOf(byte[] data, int length, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
