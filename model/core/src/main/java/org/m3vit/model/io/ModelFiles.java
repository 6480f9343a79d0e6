package org.m3vit.model.io;

/** The file names inside a model directory: its config and its weights. */
public final class ModelFiles {

    /** Config file name inside a model directory. */
    public static final String CONFIG = "config.json";
    /** Weight file name inside a model directory. */
    public static final String WEIGHTS = "model.safetensors";

    private ModelFiles() { }
}
