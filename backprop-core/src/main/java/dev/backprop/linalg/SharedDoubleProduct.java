package dev.backprop.linalg;

/**
 * The double-precision {@link SharedProduct}: C += op(A) op(B) through a {@link GemmEngine}, row range by row range,
 * from op(B) packed once when the engine shares its packing.
 */
final class SharedDoubleProduct implements SharedProduct {
    /** The shared packed op(B), grown when a larger product needs it (never per call in steady state). */
    private double[] packedB = new double[0];
    private GemmEngine engine;
    private boolean transposeA;
    private boolean transposeB;
    private int m;
    private int n;
    private int k;
    private double[] a;
    private int aOff;
    private double[] b;
    private int bOff;
    private double[] c;
    private int cOff;
    private int units;

    void set(GemmEngine engine, boolean transposeA, boolean transposeB, int m, int n, int k,
             double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
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
            packedB = new double[engine.packedLength(n, k)];
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
