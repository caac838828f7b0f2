package io.airlock.docs.shop;

import jakarta.enterprise.context.ApplicationScoped;

/** Captures card payments through a remote service, which can be down. */
@ApplicationScoped
public class Payments {

    private static volatile boolean down;

    public static void serviceDown(boolean isDown) {
        down = isDown;
    }

    public void capture(Long orderId) {
        if (down) {
            Calls.record("capture(" + orderId + ") failed");
            throw new IllegalStateException("card service down");
        }
        Calls.record("capture(" + orderId + ")");
    }
}
