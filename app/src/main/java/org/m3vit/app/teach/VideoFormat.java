package org.m3vit.app.teach;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The video containers the export writes, chosen by the file's extension, with the ffmpeg encoder settings of each. */
public enum VideoFormat {

    /** H.264 in MP4: plays everywhere (browsers, PowerPoint, Keynote, phones). */
    MP4("mp4", List.of("-c:v", "libx264", "-preset", "medium", "-tune", "animation", "-crf", "18", "-movflags", "+faststart")),
    /** VP9 in WebM: open and royalty-free, plays in browsers. */
    WEBM("webm", List.of("-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "28", "-deadline", "good", "-cpu-used", "4", "-row-mt", "1"));

    private final String extension;
    private final List<String> encoder;

    VideoFormat(String extension, List<String> encoder) {
        this.extension = extension;
        this.encoder = encoder;
    }

    /** The file extension without the dot. */
    public String extension() { return extension; }

    /** ffmpeg's encoder options for this format. */
    List<String> encoderOptions() { return encoder; }

    /** The format of {@code file} by its extension, or a one-line refusal naming {@code option}. */
    public static VideoFormat of(String option, Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (VideoFormat f : values()) if (name.endsWith("." + f.extension)) return f;
        throw new IllegalArgumentException(option + " " + file + ": the video file must end in .mp4 (H.264) or .webm (VP9)");
    }
}
