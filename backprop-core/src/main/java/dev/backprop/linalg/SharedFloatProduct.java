package dev.backprop.linalg;

/**
 * The single-precision {@link SharedProduct}: C += op(A) op(B) through a {@link FloatGemmEngine}, row range by row range,
 * from op(B) packed once when the engine shares its packing.
 */
final class SharedFloatProduct implements SharedProduct {
    /** The shared packed op(B), grown when a larger product needs it (never per call in steady state). */
    private float[] packedB = new float[0];
    private FloatGemmEngine engine;
    private boolean transposeA;
    private boolean transposeB;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private int aOff;
    private float[] b;
    private int bOff;
    private float[] c;
    private int cOff;
    private int units;

    void set(FloatGemmEngine engine, boolean transposeA, boolean transposeB, int m, int n, int k,
             float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        this.engine = engine;
        this.transposeA = transposeA;
        this.transposeB = transposeB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.a = a;
        this.aOff = aOff;
        this.b = b;
        this.bOff = bOff;
        this.c = c;
        this.cOff = cOff;
        this.units = engine.packUnits(n, k);
        if (units > 0 && packedB.length < engine.packedLength(n, k)) {
            packedB = new float[engine.packedLength(n, k)];
        }
    }

    @Override
    public void release() {
        a = null;
        b = null;
        c = null;
        engine = null;
    }

    @Override
    public int packUnits() {
        return units;
    }

    @Override
    public void pack(int unit) {
        engine.pack(transposeB, n, k, b, bOff, packedB, unit);
    }

    @Override
    public void run(int from, int to) {
        if (units > 0) {
            engine.multiplyPacked(transposeA, m, n, k, a, aOff, packedB, c, cOff, from, to);
        } else {
            engine.multiply(transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff, from, to);
        }
    }
}
