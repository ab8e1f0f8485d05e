package dev.moat.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor of Moat's platform, for the load harness: a reverse proxy written on the same Vert.x
 * HTTP server and client, with the same options Moat uses (keep-alive pool, no-delay, no
 * compression), that reads each request body whole and relays the upstream's answer whole — and
 * does nothing else. The difference between this and Moat is the cost of Moat's own work (parsing,
 * policy, limits, guards, metering, detection, audit); the difference between this and nginx is the
 * cost of the JVM and Vert.x.
 *
 * <pre>java -cp … dev.moat.bench.PlainVertxProxy LISTEN_PORT UPSTREAM_PORT</pre>
 */
public final class PlainVertxProxy {

    private PlainVertxProxy() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: PlainVertxProxy LISTEN_PORT UPSTREAM_PORT");
            System.exit(2);
        }
        int listen = Integer.parseInt(args[0]);
        int upstream = Integer.parseInt(args[1]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
                .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(256));
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setCompressionSupported(false)
                        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false))
                .requestHandler(request -> relay(client, upstream, request))
                .listen(listen, "127.0.0.1")
                .onSuccess(server -> System.out.println("plain Vert.x proxy on 127.0.0.1:" + server.actualPort()))
                .onFailure(error -> {
                    System.err.println("cannot listen: " + error.getMessage());
                    System.exit(1);
                });
    }

    private static void relay(HttpClient client, int upstream, HttpServerRequest request) {
        request.body().compose(body -> client.request(new RequestOptions().setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1").setPort(upstream).setURI(request.uri()))
                .compose(out -> {
                    out.headers().set("content-type", "application/json");
                    return out.send(body);
                })
                .compose(answer -> answer.body().map(answerBody -> {
                    String type = answer.getHeader("content-type");
                    request.response().setStatusCode(answer.statusCode())
                            .putHeader("content-type", type == null ? "application/json" : type)
                            .end(answerBody);
                    return answerBody;
                })))
                .onFailure(error -> request.response().setStatusCode(502).end(Buffer.buffer(error.getMessage())));
    }
}
