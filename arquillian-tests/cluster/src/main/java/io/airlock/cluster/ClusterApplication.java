package io.airlock.cluster;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("api")
public class ClusterApplication extends Application {
}
