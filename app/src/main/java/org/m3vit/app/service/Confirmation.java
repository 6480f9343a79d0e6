package org.m3vit.app.service;

/** Asks the person a yes/no question (a dialog in the window; tests answer it themselves). */
@FunctionalInterface
public interface Confirmation {

    /** True when the person agrees to {@code action} after reading {@code question}. */
    boolean ask(String title, String question, String action);
}
