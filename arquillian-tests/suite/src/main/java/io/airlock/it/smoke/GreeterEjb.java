package io.airlock.it.smoke;

import jakarta.ejb.Stateless;

@Stateless
@Traced
public class GreeterEjb {

    public String greet(String name) {
        return "Hi " + name;
    }
}
