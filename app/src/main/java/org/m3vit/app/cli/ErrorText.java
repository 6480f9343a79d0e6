package org.m3vit.app.cli;

import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.OneLine;

/** The one line a failed command prints after "error: ": the exception's own sentence, or plain words for a crash. */
final class ErrorText {

    private ErrorText() { }

    /** One line for {@code e}; never a stack trace, a bare class name or an object's identity. */
    static String of(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + OneLine.of(String.valueOf(e.getMessage())) + "); the input is too large for this Java process "
                    + "(raise -Xmx, e.g. M3VIT_JAVA_OPTS=-Xmx16g)";
        }
        if (e instanceof StackOverflowError) return "the input is nested too deeply to process";
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return OneLine.of(f.getFile() + ": " + AtomicFiles.reason(f));
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "internal error (" + e.getClass().getSimpleName() + "); run again with --debug and report the stack trace";
        }
        return OneLine.of(m);
    }
}
