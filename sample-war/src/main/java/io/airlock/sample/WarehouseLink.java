package io.airlock.sample;

import jakarta.enterprise.context.ApplicationScoped;

/** The link to the warehouse, which the page can cut to show a {@code DispatchFailure}. */
@ApplicationScoped
public class WarehouseLink {

    private volatile boolean up = true;

    public boolean isUp() {
        return up;
    }

    public void set(boolean up) {
        this.up = up;
    }
}
