package io.airlock.benchmarks;

/**
 * The orders in which a side-by-side benchmark runs its variants: one order per operation, taken in turn.
 */
public final class VariantOrders {

    private final int[][] orders;
    private int turn;

    private VariantOrders(int[][] orders) {
        this.orders = orders;
    }

    /**
     * Over a round of orders, each variant runs in every position and right after each other variant equally often (a
     * Williams design: {@code n} orders for an even {@code n}, {@code 2n} for an odd one). A plain rotation, where each
     * operation starts one variant later than the one before, would have each variant always follow the same one, which
     * then always pays what that one leaves behind (its garbage, a broker's or database's work still going on).
     */
    public static VariantOrders balanced(int n) {
        int[] first = new int[n];
        for (int k = 0, low = 1, high = n - 1; k < n; k++) {
            first[k] = k == 0 ? 0 : k % 2 == 1 ? low++ : high--;
        }
        int[][] orders = new int[n % 2 == 0 ? n : 2 * n][n];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                orders[r][k] = (first[k] + r) % n;
                if (n % 2 == 1) {
                    orders[n + r][n - 1 - k] = orders[r][k];
                }
            }
        }
        return new VariantOrders(orders);
    }

    /** The order of the next operation: the variants' indexes, each once. Not to be changed. */
    public int[] next() {
        turn = turn == orders.length - 1 ? 0 : turn + 1;
        return orders[turn];
    }
}
