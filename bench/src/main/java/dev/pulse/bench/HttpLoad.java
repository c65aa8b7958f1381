package dev.pulse.bench;

import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import dev.pulse.testing.PackagedApp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * HTTP load from a couple of Vert.x event loops: a closed loop (N connections, each sending its next request as
 * soon as the previous one is answered) and single requests for paced (open-loop) load, each request with the
 * credential given ({@link Access}; null for none). Events sent are numbered, so that the ones acknowledged can be
 * looked for in Kafka afterwards.
 */
final class HttpLoad implements AutoCloseable {

    static final String JSON = "application/json";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A response: status and body, and the time it took. */
    record Answer(int status, Buffer body, long nanos) {
    }

    /** Builds the body of a request carrying the events numbered {@code first} to {@code first + count - 1}. */
    interface Bodies {
        Buffer body(long first, int count);
    }

    /**
     * What a closed loop achieved; {@code nextEvent} is one more than the highest event number it sent, where a
     * further loop of the same events goes on numbering.
     */
    record Result(long requests, long ackedEvents, long failures, Map<Integer, Long> statuses, Histogram latencyMicros,
            double seconds, BitSet acked, long nextEvent) {

        double eventsPerSecond() {
            return ackedEvents / seconds;
        }

        /** This loop and {@code later} as one, numbered on from this one. */
        Result plus(Result later) {
            Map<Integer, Long> allStatuses = new TreeMap<>(statuses);
            later.statuses.forEach((status, count) -> allStatuses.merge(status, count, Long::sum));
            Histogram latency = latencyMicros.copy();
            latency.add(later.latencyMicros);
            BitSet allAcked = (BitSet) acked.clone();
            allAcked.or(later.acked);
            return new Result(requests + later.requests, ackedEvents + later.ackedEvents, failures + later.failures,
                    allStatuses, latency, seconds + later.seconds, allAcked, Math.max(nextEvent, later.nextEvent));
        }
    }

    private final Vertx vertx;
    private final HttpClient client;

    HttpLoad(int maxConnectionsPerServer) {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(maxConnectionsPerServer).setMaxWaitQueueSize(-1));
    }

    Vertx vertx() {
        return vertx;
    }

    Future<Answer> send(HttpMethod method, int port, String uri, String authorization, String contentType, Buffer body) {
        long start = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri)
                .setTimeout(REQUEST_TIMEOUT.toMillis());
        return client.request(options)
                .compose(request -> {
                    if (authorization != null) {
                        request.putHeader(Access.AUTHORIZATION, authorization);
                    }
                    if (contentType != null) {
                        request.putHeader("Content-Type", contentType);
                    }
                    return body == null ? request.send() : request.send(body);
                })
                .compose(response -> response.body()
                        .map(content -> new Answer(response.statusCode(), content, System.nanoTime() - start)));
    }

    /** {@code GET uri} of {@code app} with {@code authorization}, waited for. */
    Answer get(PackagedApp app, String uri, String authorization) throws Exception {
        return send(HttpMethod.GET, app.port(), uri, authorization, null, null)
                .toCompletionStage().toCompletableFuture().get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Runs {@code connections} request loops for {@code duration}, each request carrying {@code eventsPerRequest}
     * events numbered from {@code firstEvent} on; requests still open at the end are waited for and counted.
     */
    Result closedLoop(int port, String uri, String authorization, String contentType, int connections, Duration duration,
            long firstEvent, int eventsPerRequest, Bodies bodies) throws InterruptedException {
        AtomicLong nextEvent = new AtomicLong(firstEvent);
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        Map<Integer, Long> statuses = new TreeMap<>();
        BitSet acked = new BitSet();
        long[] counts = new long[3]; // requests, acked events, failures
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        CountDownLatch loopsDone = new CountDownLatch(connections);
        long[] lastAnswer = { start };
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> {
            if (System.nanoTime() >= deadline) {
                loopsDone.countDown();
                return;
            }
            long first = nextEvent.getAndAdd(eventsPerRequest);
            Buffer body = bodies.body(first, eventsPerRequest);
            send(HttpMethod.POST, port, uri, authorization, contentType, body).onComplete(result -> {
                synchronized (counts) {
                    counts[0]++;
                    lastAnswer[0] = System.nanoTime();
                    if (result.succeeded()) {
                        Answer answer = result.result();
                        statuses.merge(answer.status(), 1L, Long::sum);
                        latency.recordValue(Math.min(answer.nanos() / 1000, latency.getHighestTrackableValue()));
                        if (answer.status() == 202) {
                            counts[1] += eventsPerRequest;
                            acked.set((int) first, (int) (first + eventsPerRequest));
                        }
                    } else {
                        counts[2]++;
                    }
                }
                loop[0].run();
            });
        };
        for (int i = 0; i < connections; i++) {
            vertx.runOnContext(v -> loop[0].run());
        }
        if (!loopsDone.await(duration.plus(REQUEST_TIMEOUT).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Requests still open long after the load ended");
        }
        synchronized (counts) {
            return new Result(counts[0], counts[1], counts[2], statuses, latency, (lastAnswer[0] - start) / 1e9, acked,
                    nextEvent.get());
        }
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
