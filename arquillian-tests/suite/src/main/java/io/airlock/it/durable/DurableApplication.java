package io.airlock.it.durable;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath(DurableApplication.PATH)
public class DurableApplication extends Application {
    public static final String PATH = "api";
}
