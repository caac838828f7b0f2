package io.airlock.it.health;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath(HealthApplication.PATH)
public class HealthApplication extends Application {

    public static final String PATH = "api";
}
