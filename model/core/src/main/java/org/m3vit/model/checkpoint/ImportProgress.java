package org.m3vit.model.checkpoint;

/** Receives the progress of an import (fraction in 0..1 and what is being done), e.g. to drive a progress bar. */
@FunctionalInterface
public interface ImportProgress {

    /** Ignores all progress. */
    ImportProgress NONE = (fraction, message) -> { };

    /** Called from the importing thread. */
    void update(double fraction, String message);
}
