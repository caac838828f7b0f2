package io.airlock.it.telemetry;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath(TelemetryApplication.PATH)
public class TelemetryApplication extends Application {

    public static final String PATH = "api";
}
