package com.fruitfulplanet.order.orders;

/** What the order knows of its stock, from the commands it sent and catalog-service's answers. */
public enum StockStatus {
    NONE, RESERVED, REJECTED, COMMITTED, RELEASED
}
