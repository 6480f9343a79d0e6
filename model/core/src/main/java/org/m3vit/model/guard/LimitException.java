package org.m3vit.model.guard;

/** A value outside the bound {@link Limits} sets for it; the message names the value and the bound. */
public final class LimitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;


    /** A refusal with its one-line message. */
    public LimitException(String message) {
        super(message);
    }
}
