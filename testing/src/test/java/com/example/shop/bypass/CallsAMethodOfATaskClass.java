package com.example.shop.bypass;

import com.example.shop.Warehouse;

public class CallsAMethodOfATaskClass {

    void checkout(Warehouse warehouse) {
        warehouse.reserveStock(42L);
    }
}
