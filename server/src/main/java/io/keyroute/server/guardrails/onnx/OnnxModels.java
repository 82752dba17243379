package io.keyroute.server.guardrails.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads ONNX model files once per version: a config reload that names the same, unchanged file
 * gets the session already loaded, so reloads neither reload the model nor leak native memory. A
 * file changed on disk is a new version (its size or modification time differs) and is loaded
 * anew; the session of the old version stays until the process ends, because a request may still
 * be scoring with it and ONNX Runtime frees a session's memory only when told to.
 */
public final class OnnxModels {
    private static final Map<Version, OrtSession> LOADED = new ConcurrentHashMap<>();

    private OnnxModels() {
    }

    private record Version(Path file, long size, long modified) {
    }

    /**
     * The classifier in {@code file}. IllegalArgumentException, naming what is wrong and never the
     * file's bytes, when the file is missing, is no ONNX model, or has inputs and outputs this
     * classifier cannot read.
     */
    public static OnnxTextClassifier classifier(Path file, String output, OnnxTextClassifier.Label label, int windowChars) {
        OrtSession session = session(file);
        try {
            return new OnnxTextClassifier(session, output, label, windowChars);
        } catch (IllegalStateException unreadable) {
            throw new IllegalArgumentException(unreadable.getMessage(), unreadable);
        }
    }

    /** How many model versions this process has loaded. */
    static int loaded() {
        return LOADED.size();
    }

    private static OrtSession session(Path file) {
        Version version;
        try {
            Path real = file.toRealPath();
            version = new Version(real, Files.size(real), Files.getLastModifiedTime(real).toMillis());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read: " + file);
        }
        try {
            return LOADED.computeIfAbsent(version, OnnxModels::load);
        } catch (IllegalStateException notAModel) {
            throw new IllegalArgumentException(notAModel.getMessage(), notAModel);
        }
    }

    private static OrtSession load(Version version) {
        try (var options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return OrtEnvironment.getEnvironment().createSession(version.file().toString(), options);
        } catch (OrtException e) {
            throw new IllegalStateException("is not an ONNX model ONNX Runtime can load: " + e.getMessage(), e);
        }
    }
}
