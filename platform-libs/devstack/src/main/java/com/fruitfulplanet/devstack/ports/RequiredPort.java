package com.fruitfulplanet.devstack.ports;

/** A port devstack needs on 127.0.0.1, and what it is for (named in the error when it is taken). */
public record RequiredPort(int port, String purpose) {
}
