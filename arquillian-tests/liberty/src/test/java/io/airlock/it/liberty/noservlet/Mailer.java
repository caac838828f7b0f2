package io.airlock.it.liberty.noservlet;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

@ApplicationScoped
public class Mailer {

    private final List<String> sent = new CopyOnWriteArrayList<>();

    public void send(String to) {
        sent.add(to);
    }

    public List<String> sent() {
        return List.copyOf(sent);
    }
}
