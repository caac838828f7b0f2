package io.airlock.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The counter behind {@link OrderNumbers}: one row, {@code order}, inserted by {@code META-INF/shop-data.sql}. */
@Entity
@Table(name = "SHOP_COUNTER")
public class OrderCounter {

    @Id
    private String name;
    private long issued;

    protected OrderCounter() {
    }

    long issue() {
        return ++issued;
    }
}
