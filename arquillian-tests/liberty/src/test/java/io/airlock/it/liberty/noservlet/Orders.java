package io.airlock.it.liberty.noservlet;

import io.airlock.Airlock;
import io.airlock.Airlocked;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

@Stateless
public class Orders {

    @Inject
    Airlock airlock;

    @Airlocked
    public void place(String customer) {
        airlock.enqueue(Mailer::send, customer);
    }
}
