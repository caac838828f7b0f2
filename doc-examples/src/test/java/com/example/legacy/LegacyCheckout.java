package com.example.legacy;

import io.airlock.docs.shop.Mailer;

/** Calls a task method directly, bypassing airlock: what the architecture rule catches. */
public class LegacyCheckout {
    public void complete(Long orderId, String email) {
        new Mailer().sendConfirmation(orderId, email);
    }
}
