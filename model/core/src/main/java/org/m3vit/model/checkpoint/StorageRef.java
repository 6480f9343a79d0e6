package org.m3vit.model.checkpoint;

/**
 * A storage named by a checkpoint's pickle ({@code ('storage', type, key, location, numel)}):
 * where its bytes live in the zip, not the bytes themselves. {@code dtype} is null when the
 * storage class is one we do not decode ({@code storageClass} names it).
 */
public record StorageRef(String key, TorchDtype dtype, String storageClass, String location, long numel) { }
