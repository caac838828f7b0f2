package com.example.shop.bypass;

import com.example.shop.Mailer;

public class CallsATaskMethod {

    void checkout(Mailer mailer) {
        mailer.sendConfirmation(42L);
    }
}
