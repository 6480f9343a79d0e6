package org.m3vit.model.train;

/**
 * Learning-rate schedule: linear warm-up from 0 to the peak over {@code warmupSteps}, then
 * cosine decay to {@code floorFraction} x peak at {@code totalSteps}. Warm-up keeps Adam's first
 * steps (with poorly estimated second moments) from wrecking the randomly initialised
 * attention; cosine decay gives a well-settled final model at a fixed budget.
 */
public record LrSchedule(double peak, int warmupSteps, int totalSteps, double floorFraction) {

    public LrSchedule {
        if (peak <= 0) throw new IllegalArgumentException("peak learning rate must be > 0");
        if (warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need 0 <= warmupSteps <= totalSteps, got " + warmupSteps + ", " + totalSteps);
        }
    }

    /** Learning rate for step {@code step} (0-based). */
    public double at(int step) {
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return peak * (floorFraction + (1 - floorFraction) * cosine);
    }
}
