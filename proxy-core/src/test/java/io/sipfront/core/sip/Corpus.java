package io.sipfront.core.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The conformance messages under {@code src/test/resources/conformance}, read byte-exact. */
final class Corpus {

    private static final Pattern INDEX_ROW = Pattern.compile("^\\| `([\\w.-]+)\\.dat` \\|", Pattern.MULTILINE);

    private Corpus() {
    }

    static byte[] rfc4475(String name) {
        return read("/conformance/rfc4475/" + name + ".dat");
    }

    static byte[] rfc5118(String name) {
        return read("/conformance/rfc5118/" + name + ".dat");
    }

    /** The message names listed in a corpus INDEX.md, in table order. */
    static List<String> indexed(String corpus) {
        String index = new String(read("/conformance/" + corpus + "/INDEX.md"), StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        Matcher m = INDEX_ROW.matcher(index);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * RFC 5118's archive has bare-LF line ends; this is the CRLF wire form its INDEX describes
     * (SIPRAL's {@code wire()}): header lines re-joined with CRLF, the header section ended by an
     * empty line, each body line ended by CRLF, and Content-Length set to the real body length.
     */
    static byte[] wire(byte[] archived) {
        String text = new String(archived, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the split after the final LF
        }
        int blank = lines.indexOf("");
        List<String> headers = blank < 0 ? lines : lines.subList(0, blank);
        List<String> body = blank < 0 ? List.of() : lines.subList(blank + 1, lines.size());
        StringBuilder bodyText = new StringBuilder();
        for (String line : body) {
            bodyText.append(line).append("\r\n");
        }
        StringBuilder out = new StringBuilder();
        for (String header : headers) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                header = "Content-Length: " + bodyText.length();
            }
            out.append(header).append("\r\n");
        }
        out.append("\r\n").append(bodyText);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The bytes after the first empty line (CRLF CRLF). */
    static byte[] afterHeaders(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return Arrays.copyOfRange(message, i + 4, message.length);
            }
        }
        throw new IllegalArgumentException("no empty line");
    }

    private static byte[] read(String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
