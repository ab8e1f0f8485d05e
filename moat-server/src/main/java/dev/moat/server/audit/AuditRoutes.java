package dev.moat.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.audit.AuditException;
import dev.moat.audit.TransparencyLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The read-only transparency-log endpoints of the admin listener, safe to publish: the signed
 * checkpoint, the verifier key, C2SP tiles and entry bundles, proofs, and the entries themselves
 * (each line exactly the bytes of its leaf).
 */
public final class AuditRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TransparencyLog log;

    public AuditRoutes(TransparencyLog log) {
        this.log = log;
    }

    public void register(Router router) {
        router.get("/audit/checkpoint").handler(ctx -> text(ctx, () -> Buffer.buffer(log.checkpoint())));
        // The newest checkpoint that witnesses cosigned (the current one moves on with every batch).
        router.get("/audit/checkpoint/cosigned").handler(ctx -> blocking(ctx, () -> log.cosignedCheckpoint()
                .map(note -> new Reply(200, "text/plain; charset=utf-8", Buffer.buffer(note)))
                .orElseGet(() -> error(404, "no checkpoint has been cosigned yet (audit.witnesses)"))));
        router.post("/admin/v1/audit/cosignature").handler(ctx -> blocking(ctx, () -> {
            String line = ctx.body() == null ? "" : ctx.body().asString().strip();
            try {
                log.addCosignature(line);
            } catch (RuntimeException e) {
                return error(400, "cosignature refused: " + e.getMessage());
            }
            return new Reply(200, "text/plain; charset=utf-8", Buffer.buffer(log.cosignedCheckpoint().orElseThrow()));
        }));
        router.get("/audit/key").handler(ctx -> text(ctx, () -> Buffer.buffer(log.verifierKey() + "\n")));
        router.get("/audit/tile/*").handler(ctx -> blocking(ctx, () -> {
            String path = ctx.request().path().substring("/audit/".length());
            return log.tile(path).map(bytes -> new Reply(200, "application/octet-stream", Buffer.buffer(bytes)))
                    .orElseGet(() -> error(404, "no such tile: " + path));
        }));
        router.get("/audit/proof/inclusion").handler(ctx -> blocking(ctx, () ->
                hashes(log.inclusionProof(param(ctx, "index"), param(ctx, "size")))));
        router.get("/audit/proof/consistency").handler(ctx -> blocking(ctx, () ->
                hashes(log.consistencyProof(param(ctx, "old"), param(ctx, "size")))));
        router.get("/audit/entries").handler(ctx -> blocking(ctx, () -> {
            Buffer lines = Buffer.buffer();
            for (byte[] entry : log.entries(param(ctx, "start"), param(ctx, "end"))) {
                lines.appendBytes(entry).appendByte((byte) '\n');
            }
            return new Reply(200, "text/plain; charset=utf-8", lines);
        }));
    }

    private record Reply(int status, String contentType, Buffer body) {
    }

    private static Reply hashes(List<byte[]> proof) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode hashes = root.putArray("hashes");
        proof.forEach(hash -> hashes.add(Base64.getEncoder().encodeToString(hash)));
        return new Reply(200, "application/json", Buffer.buffer(root.toString()));
    }

    private static Reply error(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("code", status == 404 ? "not_found" : "invalid_request").put("message", message);
        return new Reply(status, "application/json", Buffer.buffer(root.toString()));
    }

    private static long param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null) {
            throw new IllegalArgumentException("query parameter '" + name + "' is required");
        }
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new IllegalArgumentException(name + ": " + n + " (expected >= 0)");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a number");
        }
    }

    private static void text(RoutingContext ctx, Callable<Buffer> body) {
        blocking(ctx, () -> new Reply(200, "text/plain; charset=utf-8", body.call()));
    }

    /** Tiles and proofs may read files: off the event loop. */
    private static void blocking(RoutingContext ctx, Callable<Reply> work) {
        ctx.vertx().executeBlocking(() -> {
            try {
                return work.call();
            } catch (IllegalArgumentException | AuditException e) {
                return error(400, e.getMessage());
            }
        }, false).onComplete(done -> {
            Reply reply = done.succeeded() ? done.result() : error(500, "reading the audit log failed: " + done.cause().getMessage());
            ctx.response().setStatusCode(reply.status()).putHeader("content-type", reply.contentType())
                    .putHeader("cache-control", "no-cache").end(reply.body());
        });
    }
}
