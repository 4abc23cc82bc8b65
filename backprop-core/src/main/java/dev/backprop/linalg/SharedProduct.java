package dev.backprop.linalg;

/**
 * A product {@link GemmPool} splits by rows of C: {@link #packUnits} tasks first pack op(B) into a buffer the row
 * ranges share, then {@link #run} computes rows [from, to) of C. One implementation per precision, each kept by the pool
 * and refilled for every product, so handing a product to the pool allocates nothing.
 */
interface SharedProduct extends RangeLoop {
    /** How many packing tasks come before the rows: 0 when the engine packs nothing shared. */
    int packUnits();

    /** Packs unit {@code unit} of op(B) into the shared buffer. */
    void pack(int unit);

    /** Drops the references to the operands, so the pool holds no caller's arrays between products. */
    void release();
}
