package org.m3vit.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Test helper: Debian's Python with python3-torch, used as an independent oracle where it is installed. */
public final class TorchPython {

    /** Debian's Python (where python3-torch installs), not a pyenv one; -Dm3vit.python overrides it. */
    public static final String PYTHON = System.getProperty("m3vit.python", "/usr/bin/python3");

    private TorchPython() { }

    /** True when {@link #PYTHON} can import torch. */
    public static boolean available() {
        if (!Files.isExecutable(Path.of(PYTHON))) return false;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
