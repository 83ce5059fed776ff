package com.fruitfulplanet.catalog.product;

/** DRAFT: not yet sold; ACTIVE: listed and sold; ARCHIVED: kept for history, no longer sold (1C "deleted"). */
public enum ProductStatus {
    DRAFT,
    ACTIVE,
    ARCHIVED
}
