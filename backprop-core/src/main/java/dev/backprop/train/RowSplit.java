package dev.backprop.train;

import java.util.random.RandomGenerator;

/**
 * A seeded split of rows 0..n-1 into training and validation rows. The held-out rows are the last round(f n) of a
 * uniformly random permutation (Fisher-Yates); both parts list their rows in ascending order, so with f = 0 the
 * training rows are the data as given.
 *
 * @param training   indices of the training rows
 * @param validation indices of the held-out rows (empty when f = 0)
 */
record RowSplit(int[] training, int[] validation) {
    /**
     * @throws IllegalArgumentException if f &gt; 0 but a part would be empty
     */
    static RowSplit of(int rows, double fraction, RandomGenerator random) {
        int held = (int) Math.round(fraction * rows);
        if (fraction == 0) {
            int[] all = new int[rows];
            for (int i = 0; i < rows; i++) {
                all[i] = i;
            }
            return new RowSplit(all, new int[0]);
        }
        if (held < 1 || held > rows - 1) {
            throw new InvalidSettingException(TrainingSettings.VALIDATION, "", " " + fraction + " of " + rows
                    + " rows holds out " + held + " rows; both the training and the validation part need at least "
                    + "one row");
        }
        int[] permutation = new int[rows];
        for (int i = 0; i < rows; i++) {
            permutation[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        boolean[] isHeld = new boolean[rows];
        for (int k = rows - held; k < rows; k++) {
            isHeld[permutation[k]] = true;
        }
        int[] training = new int[rows - held];
        int[] validation = new int[held];
        for (int i = 0, t = 0, v = 0; i < rows; i++) {
            if (isHeld[i]) {
                validation[v++] = i;
            } else {
                training[t++] = i;
            }
        }
        return new RowSplit(training, validation);
    }
}
