package io.airlock.sample;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;

/** Bulk import of orders from another system: each imported order is processed like a checkout. */
@ApplicationScoped
public class Importer {

    public record Row(String customer, String email, String item) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    OrderNumbers numbers;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /**
     * Imports and processes the rows; a dry run rolls the database back at the end, order numbers included
     * (see {@link OrderNumbers}). Returns how many rows.
     */
    @Transactional
    public int importAll(List<Row> rows, boolean dryRun) {
        for (Row row : rows) {
            Order order = new Order(numbers.next(), row.customer(), row.email(), row.item());
            em.persist(order);
            order.process();
        }
        if (dryRun) {
            transaction.setRollbackOnly();
        }
        return rows.size();
    }
}
