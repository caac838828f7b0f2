package com.example.shop.bypass;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.concurrent.TimeUnit;

public class SchedulesOnManagedExecutor {

    void remindTomorrow(ManagedScheduledExecutorService executor) {
        executor.schedule(() -> System.out.println("reminder for order 42"), 1, TimeUnit.DAYS);
    }
}
