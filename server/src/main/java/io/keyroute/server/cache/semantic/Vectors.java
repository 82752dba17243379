package io.keyroute.server.cache.semantic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Unit vectors, their cosine similarity, and their bytes as little-endian float32 (how Redis keeps them). */
final class Vectors {
    private Vectors() {
    }

    /** {@code v} scaled to length 1, or null when it has no direction (all zero, or not finite). */
    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (!(norm > 0) || Double.isInfinite(norm)) {
            return null;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    /** The cosine similarity of two unit vectors; -1 (never similar) when their dimensions differ. */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            return -1; // another model's or another dimensions setting's vector, from before a reload
        }
        float dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    static byte[] bytes(float[] v) {
        ByteBuffer out = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(v);
        return out.array();
    }

    static float[] floats(ByteBuffer in) {
        float[] v = new float[in.remaining() / Float.BYTES];
        in.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
