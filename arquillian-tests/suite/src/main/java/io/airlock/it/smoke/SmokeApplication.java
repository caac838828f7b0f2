package io.airlock.it.smoke;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath(SmokeApplication.PATH)
public class SmokeApplication extends Application {

    public static final String PATH = "api";
}
