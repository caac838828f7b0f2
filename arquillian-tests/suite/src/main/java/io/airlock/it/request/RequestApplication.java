package io.airlock.it.request;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath(RequestApplication.PATH)
public class RequestApplication extends Application {

    public static final String PATH = "api";
}
