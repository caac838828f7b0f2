package io.airlock.crash;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("api")
public class CrashApplication extends Application {
}
