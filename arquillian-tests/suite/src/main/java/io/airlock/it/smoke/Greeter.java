package io.airlock.it.smoke;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@Traced
public class Greeter {

    public String greet(String name) {
        return "Hello " + name;
    }
}
