package org.m3vit.model.metrics;

/**
 * Semantic segmentation scores accumulated over images in a confusion matrix: pixel accuracy
 * and mean IoU. A class counts in the mean when it occurs in the ground truth or the prediction
 * (its union is not empty); pixels whose ground truth is the ignore label count nowhere.
 */
public final class SegmentationMetrics {

    /** Ignore label meaning "no label is ignored". */
    public static final int NO_IGNORE = Integer.MIN_VALUE;

    private final int numClasses;
    private final int ignoreLabel;
    private final long[] confusion;

    /** Scores for labels 0 .. numClasses-1; ground-truth pixels equal to {@code ignoreLabel} are skipped. */
    public SegmentationMetrics(int numClasses, int ignoreLabel) {
        if (numClasses < 1) throw new IllegalArgumentException("numClasses must be >= 1, was " + numClasses);
        this.numClasses = numClasses;
        this.ignoreLabel = ignoreLabel;
        this.confusion = new long[numClasses * numClasses];
    }

    /** Adds one image: predicted and ground-truth labels of the same pixels, in the same order. */
    public void add(int[] predicted, int[] groundTruth) {
        if (predicted.length != groundTruth.length) {
            throw new IllegalArgumentException(predicted.length + " predicted labels for " + groundTruth.length + " ground-truth labels");
        }
        for (int i = 0; i < predicted.length; i++) {
            int g = groundTruth[i];
            if (g == ignoreLabel) continue;
            int p = predicted[i];
            if (g < 0 || g >= numClasses) throw new IllegalArgumentException("ground-truth label " + g + " at pixel " + i + " is outside 0.." + (numClasses - 1));
            if (p < 0 || p >= numClasses) throw new IllegalArgumentException("predicted label " + p + " at pixel " + i + " is outside 0.." + (numClasses - 1));
            confusion[g * numClasses + p]++;
        }
    }

    /** Adds {@code times} copies of another score's confusion matrix (of the same classes), e.g. one scene's. */
    public void addCounts(SegmentationMetrics other, int times) {
        if (other.numClasses != numClasses) {
            throw new IllegalArgumentException(other.numClasses + " classes added to a score of " + numClasses + " classes");
        }
        if (times < 0) throw new IllegalArgumentException("times must be >= 0, was " + times);
        for (int i = 0; i < confusion.length; i++) confusion[i] += times * other.confusion[i];
    }

    /** Number of classes. */
    public int numClasses() { return numClasses; }

    /** Pixels whose ground truth is {@code truth} and prediction {@code predicted}. */
    public long count(int truth, int predicted) { return confusion[truth * numClasses + predicted]; }

    /** Pixels counted (ignored ones excluded). */
    public long pixels() {
        long n = 0;
        for (long c : confusion) n += c;
        return n;
    }

    /** Correct pixels / counted pixels (NaN before any pixel). */
    public double pixelAccuracy() {
        long correct = 0;
        for (int k = 0; k < numClasses; k++) correct += count(k, k);
        long n = pixels();
        return n == 0 ? Double.NaN : (double) correct / n;
    }

    /** IoU of each class: TP / (TP + FP + FN); NaN for a class absent from truth and prediction. */
    public double[] classIoU() {
        double[] iou = new double[numClasses];
        for (int k = 0; k < numClasses; k++) {
            long truth = 0, predicted = 0;
            for (int j = 0; j < numClasses; j++) {
                truth += count(k, j);
                predicted += count(j, k);
            }
            long tp = count(k, k);
            long union = truth + predicted - tp;
            iou[k] = union == 0 ? Double.NaN : (double) tp / union;
        }
        return iou;
    }

    /** Mean of {@link #classIoU()} over the classes present in truth or prediction (NaN if none). */
    public double meanIoU() {
        double sum = 0;
        int n = 0;
        for (double v : classIoU()) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** How many classes {@link #meanIoU()} averages. */
    public int classesPresent() {
        int n = 0;
        for (double v : classIoU()) if (!Double.isNaN(v)) n++;
        return n;
    }
}
