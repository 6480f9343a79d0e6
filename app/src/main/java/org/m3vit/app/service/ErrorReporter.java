package org.m3vit.app.service;

/** Tells the person about a failure they caused or can fix (bad file, wrong weights); the window shows a dialog. */
@FunctionalInterface
public interface ErrorReporter {

    void report(String title, String message);
}
