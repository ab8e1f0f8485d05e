package dev.moat.server.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * A point a scripted stub stream waits at until the test opens it, so a test can check what the client has
 * received while the upstream is provably still mid-response, with no timing involved. Thread-safe; opening
 * twice is harmless.
 */
public final class StubGate {

    private final Promise<Void> opened = Promise.promise();

    public void open() {
        opened.tryComplete();
    }

    public boolean isOpen() {
        return opened.future().isComplete();
    }

    Future<Void> whenOpen() {
        return opened.future();
    }
}
