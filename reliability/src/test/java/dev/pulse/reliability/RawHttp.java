package dev.pulse.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on a socket: hostile requests a well-behaved client library would refuse to send
 * (raw {@code ..} in a path, invalid UTF-8, any Content-Type) or would send differently (chunked bodies). The
 * request is written on its own thread while the answer is read, so that a server answering before it has read
 * the whole body (413) is heard rather than reset.
 */
final class RawHttp {

    record Answer(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int CHUNK = 64 * 1024;

    private RawHttp() {
    }

    /**
     * Sends {@code method target} with {@code body} (none when null): with Content-Length, or in chunks when
     * {@code chunked}, and {@code Connection: close}, so that the answer ends with the connection.
     */
    static Answer exchange(int port, String method, String target, String contentType, byte[] body, boolean chunked) {
        return exchange(port, method, target, contentType, body, chunked, Map.of());
    }

    /** As {@link #exchange(int, String, String, String, byte[], boolean)}, with {@code extraHeaders} (Origin, User-Agent...). */
    static Answer exchange(int port, String method, String target, String contentType, byte[] body, boolean chunked,
            Map<String, String> extraHeaders) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        // The target as given, bytes included: no client-side normalisation or encoding.
        head.writeBytes(target.getBytes(StandardCharsets.UTF_8));
        StringBuilder headers = new StringBuilder(" HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n");
        if (contentType != null) {
            headers.append("Content-Type: ").append(contentType).append("\r\n");
        }
        extraHeaders.forEach((name, value) -> headers.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            headers.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        }
        head.writeBytes(headers.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> write(out, head.toByteArray(), body, chunked), "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            byte[] answer = socket.getInputStream().readAllBytes();
            return parse(answer);
        } catch (IOException e) {
            throw new AssertionError(method + " " + abbreviate(target) + ": no complete answer (" + e + ")", e);
        }
    }

    private static void write(OutputStream out, byte[] head, byte[] body, boolean chunked) {
        try {
            out.write(head);
            if (body != null && !chunked) {
                out.write(body);
            } else if (body != null) {
                for (int from = 0; from < body.length; from += CHUNK) {
                    int length = Math.min(CHUNK, body.length - from);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, from, length);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        } catch (IOException serverStoppedReading) {
            // The server answered (413) and closed without reading the rest: its answer is what counts.
        }
    }

    private static Answer parse(byte[] raw) {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (headEnd < 0) {
            throw new AssertionError("Not an HTTP answer: " + abbreviate(new String(raw, StandardCharsets.ISO_8859_1)));
        }
        String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(chunked, at, chunked.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            int size = Integer.parseInt(new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, at + lineEnd + 2, size);
            at += lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] wanted) {
        outer: for (int i = 0; i + wanted.length <= data.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (data[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "… (" + text.length() + " chars)";
    }
}
