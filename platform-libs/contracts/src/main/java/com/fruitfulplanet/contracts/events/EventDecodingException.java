package com.fruitfulplanet.contracts.events;

/**
 * A Kafka record or an event's JSON could not be decoded: not a CloudEvent, malformed JSON, a required field
 * missing. Redelivering the same bytes cannot succeed, so a consumer sends the record to the dead-letter topic
 * instead of retrying it. The message names the event type and what is wrong, never the payload, which may hold
 * personal data and ends up in logs and dead-letter headers.
 */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(String message) {
        super(message);
    }

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
