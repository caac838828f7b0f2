package io.airlock.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON API the page calls, under {@code /api}. */
@ApplicationPath("/api")
public class ShopApplication extends Application {
}
