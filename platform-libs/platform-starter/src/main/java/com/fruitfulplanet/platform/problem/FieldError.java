package com.fruitfulplanet.platform.problem;

/** One rejected input field in a validation problem: {@code {"field": "email", "message": "must be ..."}}. */
public record FieldError(String field, String message) {
}
