package com.example.shop;

import io.airlock.AirlockTask;

/** Declares every public instance method a task, at once. */
@AirlockTask
public class Warehouse {

    public void reserveStock(long orderId) {
    }

    /** Static: not a task. */
    public static String sku(long orderId) {
        return "SKU-" + orderId;
    }
}
