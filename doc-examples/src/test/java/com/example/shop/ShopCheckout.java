package com.example.shop;

import io.airlock.Airlock;
import io.airlock.docs.shop.Mailer;

/** A clean class for docs/testing.md's architecture rule: it enqueues, never calls the task itself. */
public class ShopCheckout {
    public void complete(Long orderId, String email) {
        Airlock.get().enqueue(Mailer::sendConfirmation, orderId, email);
    }
}
