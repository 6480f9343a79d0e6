package org.m3vit.model.data;

/**
 * A point light: world position, linear-RGB power (irradiance at 1 m is power / 2) and the index
 * of the scene object it sits in (a lamp, which must not shadow its own light), or -1.
 */
public record Light(double x, double y, double z, double r, double g, double b, int ownerIndex) { }
